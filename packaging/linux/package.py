"""Linux artefacts from the one-folder build: a .tar.gz and a .deb made with dpkg-deb.

The .deb installs the program to /opt/pushgui, links /usr/bin/pushgui to it (a relative
link, so the package also works unpacked into a scratch root), and installs the .desktop
file, the AppStream metainfo and hicolor icons (scalable SVG and PNGs rendered by
packaging/icons.py). It has no maintainer scripts: the desktop database and icon cache are
refreshed by the file triggers of desktop-file-utils and hicolor-icon-theme.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LINUX_RESOURCES = ROOT / "resources" / "linux"
DESKTOP = "pushgui.desktop"
METAINFO = "io.github.pushgui.pushgui.metainfo.xml"

MAINTAINER = "The pushgui developers <pushgui@users.noreply.github.com>"
# What the bundle does not carry: PyInstaller leaves out the C library, OpenGL/EGL and
# libxcb on purpose (they must match the system), the spec leaves out libdbus and Kerberos
# (LINUX_SYSTEM_LIBS: they must match the system's bus and setup), and fontconfig needs the
# system's configuration. Wayland support is optional: Qt falls back to X11 (XWayland).
DEPENDS = ("libgl1", "libegl1", "libxcb1", "libdbus-1-3", "libgssapi-krb5-2", "libfontconfig1")
RECOMMENDS = ("libwayland-client0", "libwayland-cursor0", "libwayland-egl1", "hicolor-icon-theme")

COPYRIGHT = """\
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: pushgui
Source: https://github.com/pushgui/pushgui

Files: *
Copyright: The pushgui developers
License: MIT

Files: opt/pushgui/_internal/*
Copyright: The Qt Company Ltd. and other contributors (Qt, PySide6); the Python Software
 Foundation (Python); the authors of the bundled Python packages and libraries
License: various
 The bundled Qt libraries are used under the LGPL-3.0; the other components under their
 own licenses, shipped in the *.dist-info folders where the package provides them.

License: MIT
 Permission is hereby granted, free of charge, to any person obtaining a copy of this
 software and associated documentation files (the "Software"), to deal in the Software
 without restriction, including without limitation the rights to use, copy, modify, merge,
 publish, distribute, sublicense, and/or sell copies of the Software, and to permit persons
 to whom the Software is furnished to do so, subject to the following conditions:
 .
 The above copyright notice and this permission notice shall be included in all copies or
 substantial portions of the Software.
 .
 THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED,
 INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR
 PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE
 FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR
 OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER
 DEALINGS IN THE SOFTWARE.
"""

# Paths every .deb must contain (checked against `dpkg-deb -c`).
EXPECTED_IN_DEB = (
    "./opt/pushgui/pushgui",
    "./opt/pushgui/_internal/pushgui/core/store/migrations/env.py",
    "./opt/pushgui/_internal/pushgui/core/store/migrations/script.py.mako",
    "./opt/pushgui/_internal/pushgui/core/store/migrations/versions/0001_initial.py",
    "./opt/pushgui/_internal/pushgui/resources/icons/pushgui.svg",
    "./opt/pushgui/_internal/PySide6/Qt/plugins/platforms/libqxcb.so",
    "./opt/pushgui/_internal/PySide6/Qt/plugins/iconengines/libqsvgicon.so",
    "./opt/pushgui/_internal/PySide6/Qt/plugins/imageformats/libqsvg.so",
    "./usr/bin/pushgui",
    f"./usr/share/applications/{DESKTOP}",
    f"./usr/share/metainfo/{METAINFO}",
    "./usr/share/icons/hicolor/scalable/apps/pushgui.svg",
    "./usr/share/icons/hicolor/48x48/apps/pushgui.png",
    "./usr/share/icons/hicolor/256x256/apps/pushgui.png",
    "./usr/share/doc/pushgui/copyright",
)


def deb_architecture() -> str:
    return subprocess.run(
        ["dpkg", "--print-architecture"], capture_output=True, text=True, check=True
    ).stdout.strip()


def make_tarball(bundle: Path, out: Path) -> Path:
    """``out`` (.tar.gz) holding the one-folder build as ``pushgui/``."""
    out.parent.mkdir(parents=True, exist_ok=True)

    def normalise(info: tarfile.TarInfo) -> tarfile.TarInfo:
        info.uid = info.gid = 0
        info.uname = info.gname = "root"
        return info

    with tarfile.open(out, "w:gz", compresslevel=9) as archive:
        archive.add(bundle, arcname="pushgui", filter=normalise)
    return out


def _glibc_floor(bundle: Path) -> str | None:
    """The newest GLIBC_x.y symbol version any bundled binary asks for."""
    newest: tuple[int, int] | None = None
    for path in bundle.rglob("*"):
        if not path.is_file() or path.is_symlink():
            continue
        with path.open("rb") as handle:
            if handle.read(4) != b"\x7fELF":
                continue
            data = handle.read()
        for major, minor in re.findall(rb"GLIBC_(\d+)\.(\d+)", data):
            version = (int(major), int(minor))
            newest = version if newest is None or version > newest else newest
    return f"{newest[0]}.{newest[1]}" if newest else None


def _installed_size_kib(root: Path) -> int:
    total = sum(p.lstat().st_size for p in root.rglob("*") if p.is_file() or p.is_symlink())
    return (total + 1023) // 1024


def _copy_tree_normalised(source: Path, target: Path) -> None:
    shutil.copytree(source, target, symlinks=True)
    for path in [target, *target.rglob("*")]:
        if path.is_symlink():
            continue
        if path.is_dir():
            path.chmod(0o755)
        else:
            path.chmod(0o755 if path.stat().st_mode & 0o111 else 0o644)


def make_deb(bundle: Path, icons: Path, version: str, out_dir: Path, staging: Path) -> Path:
    """Build ``pushgui_<version>_<arch>.deb`` from the bundle with dpkg-deb."""
    arch = deb_architecture()
    if staging.exists():
        shutil.rmtree(staging)
    root = staging / "root"
    _copy_tree_normalised(bundle, root / "opt" / "pushgui")

    bin_dir = root / "usr" / "bin"
    bin_dir.mkdir(parents=True)
    (bin_dir / "pushgui").symlink_to("../../opt/pushgui/pushgui")

    share = root / "usr" / "share"
    for folder, name in (("applications", DESKTOP), ("metainfo", METAINFO)):
        (share / folder).mkdir(parents=True)
        shutil.copyfile(LINUX_RESOURCES / name, share / folder / name)
    shutil.copytree(icons / "hicolor", share / "icons" / "hicolor")
    (share / "doc" / "pushgui").mkdir(parents=True)
    (share / "doc" / "pushgui" / "copyright").write_text(COPYRIGHT, encoding="utf-8")
    for path in [share, *share.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    for path in (root, root / "opt", root / "usr", bin_dir):
        path.chmod(0o755)

    depends = list(DEPENDS)
    floor = _glibc_floor(bundle)
    depends.insert(0, f"libc6 (>= {floor})" if floor else "libc6")
    control = root / "DEBIAN" / "control"
    control.parent.mkdir(mode=0o755)
    control.write_text(
        "\n".join(
            [
                "Package: pushgui",
                f"Version: {version}",
                f"Architecture: {arch}",
                f"Maintainer: {MAINTAINER}",
                f"Installed-Size: {_installed_size_kib(root)}",
                f"Depends: {', '.join(depends)}",
                f"Recommends: {', '.join(RECOMMENDS)}",
                "Section: utils",
                "Priority: optional",
                "Homepage: https://github.com/pushgui/pushgui",
                "Description: send reminders and messages on a schedule",
                " Compose a message, choose who gets it (yourself, contacts, groups, team",
                " chat bots) and when (once, every N minutes/hours/days, or calendar rules),",
                " and pushgui delivers it on time from the system tray.",
                "",
            ]
        ),
        encoding="utf-8",
    )
    control.chmod(0o644)

    out_dir.mkdir(parents=True, exist_ok=True)
    deb = out_dir / f"pushgui_{version}_{arch}.deb"
    subprocess.run(
        ["dpkg-deb", "--root-owner-group", "-Zxz", "--build", str(root), str(deb)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return deb


def deb_contents(deb: Path) -> list[str]:
    """Paths in the .deb, as ``dpkg-deb -c`` lists them (``./usr/bin/pushgui``)."""
    listing = subprocess.run(
        ["dpkg-deb", "-c", str(deb)], capture_output=True, text=True, check=True
    ).stdout
    paths = []
    for line in listing.splitlines():
        # perms owner size date time path [-> target]
        fields = line.split(None, 5)
        if len(fields) == 6:
            paths.append(fields[5].split(" -> ")[0].rstrip("/"))
    return paths


def check_deb(deb: Path) -> list[str]:
    """Problems with the .deb's file list (empty when all is well)."""
    paths = set(deb_contents(deb))
    problems = [f"missing {p}" for p in EXPECTED_IN_DEB if p not in paths]
    for size in (16, 32, 64, 128, 512):
        if f"./usr/share/icons/hicolor/{size}x{size}/apps/pushgui.png" not in paths:
            problems.append(f"missing the {size} px icon")
    return problems


def unpack_deb(deb: Path, scratch: Path) -> Path:
    """Unpack into ``scratch`` (as ``dpkg -x`` does); returns the launcher's path."""
    if scratch.exists():
        shutil.rmtree(scratch)
    subprocess.run(["dpkg-deb", "-x", str(deb), str(scratch)], check=True)
    return scratch / "usr" / "bin" / "pushgui"


def validate_metadata() -> list[str]:
    """Run appstreamcli and desktop-file-validate where installed; returns what was run."""
    ran = []
    if shutil.which("appstreamcli"):
        subprocess.run(
            ["appstreamcli", "validate", "--no-net", str(LINUX_RESOURCES / METAINFO)], check=True
        )
        ran.append("appstreamcli validate")
    if shutil.which("desktop-file-validate"):
        subprocess.run(["desktop-file-validate", str(LINUX_RESOURCES / DESKTOP)], check=True)
        ran.append("desktop-file-validate")
    return ran
