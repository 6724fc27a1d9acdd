#!/usr/bin/env bash
# Make a compressed .dmg holding pushgui.app and a link to /Applications (macOS only).
#
#   packaging/macos/make-dmg.sh dist/pushgui.app dist/pushgui-0.1.0-macos-arm64.dmg
#
# Signing and notarisation are optional and driven by the environment:
#   PUSHGUI_CODESIGN_IDENTITY  "Developer ID Application: Name (TEAMID)". PyInstaller already
#                              signed the .app with it (see packaging/pushgui.spec); here the
#                              .app signature is verified and the .dmg is signed too.
#   PUSHGUI_NOTARY_PROFILE     a notarytool keychain profile, made once with
#                              `xcrun notarytool store-credentials PROFILE --apple-id ... \
#                               --team-id ... --password <app-specific password>`.
#                              The .dmg is submitted, waited for, and the ticket stapled.
# Without them the .dmg is unsigned: Gatekeeper then asks users to open it with
# right-click > Open (macOS 14 and older) or via System Settings > Privacy & Security.
set -euo pipefail

app=${1:?usage: make-dmg.sh APP DMG}
dmg=${2:?usage: make-dmg.sh APP DMG}
[ -d "$app" ] || { echo "no $app" >&2; exit 1; }

staging=$(mktemp -d)
trap 'rm -rf "$staging"' EXIT
cp -R "$app" "$staging/"
ln -s /Applications "$staging/Applications"

if [ -n "${PUSHGUI_CODESIGN_IDENTITY:-}" ]; then
    codesign --verify --deep --strict --verbose=2 "$staging/$(basename "$app")"
fi

rm -f "$dmg"
hdiutil create -volname pushgui -srcfolder "$staging" -fs HFS+ -format UDZO -ov "$dmg"

if [ -n "${PUSHGUI_CODESIGN_IDENTITY:-}" ]; then
    codesign --force --timestamp --sign "$PUSHGUI_CODESIGN_IDENTITY" "$dmg"
fi
if [ -n "${PUSHGUI_NOTARY_PROFILE:-}" ]; then
    xcrun notarytool submit "$dmg" --keychain-profile "$PUSHGUI_NOTARY_PROFILE" --wait
    xcrun stapler staple "$dmg"
    spctl --assess --type open --context context:primary-signature --verbose "$dmg"
fi
echo "$dmg"
