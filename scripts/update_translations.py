"""Refresh the translations: extract new strings into the .ts files, then compile the .qm files.

    python scripts/update_translations.py           # lupdate + lrelease
    python scripts/update_translations.py --check   # only report unfinished messages

After lupdate, translate the new messages (Qt Linguist, or any editor: fill in each
``<translation type="unfinished">`` and drop the ``type``), run the script again so the
.qm files match, and commit both. tests/test_translations.py fails while a message is
unfinished or a .qm is older than its .ts.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TRANSLATIONS = ROOT / "resources" / "translations"
LANGUAGES = ("zh_CN",)


def tool(name: str) -> str:
    """``pyside6-<name>`` next to this Python, else on PATH."""
    local = Path(sys.executable).with_name(f"pyside6-{name}")
    found = str(local) if local.exists() else shutil.which(f"pyside6-{name}")
    if not found:
        raise SystemExit(f"pyside6-{name} is not installed (pip install PySide6-Essentials)")
    return found


def sources() -> list[str]:
    """Every Python file of the app, relative to the repository (stable across machines)."""
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "pushgui").rglob("*.py"))


def lupdate(ts: Path, language: str) -> None:
    """Merge the strings of the current sources into ``ts`` (dropping vanished ones)."""
    command = [tool("lupdate"), "-no-obsolete", "-locations", "none", "-target-language"]
    subprocess.run([*command, language, *sources(), "-ts", str(ts)], cwd=ROOT, check=True)


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run([tool("lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)


def unfinished(ts: Path) -> list[str]:
    """The source texts of ``ts`` without a finished translation."""
    missing = []
    for message in ET.parse(ts).getroot().iter("message"):
        translation = message.find("translation")
        texts = (
            [t.text for t in translation.findall("numerusform")] or [translation.text]
            if translation is not None
            else [None]
        )
        done = translation is not None and translation.get("type") not in (
            "unfinished",
            "vanished",
            "obsolete",
        )
        if not done or not all(t and t.strip() for t in texts):
            missing.append(message.findtext("source") or "")
    return missing


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report, change nothing")
    args = parser.parse_args()
    status = 0
    for language in LANGUAGES:
        ts = TRANSLATIONS / f"pushgui_{language}.ts"
        if not args.check:
            lupdate(ts, language)
        missing = unfinished(ts)
        for text in missing:
            print(f"{ts.name}: unfinished: {text!r}")
        if missing:
            status = 1
        if not args.check:
            lrelease(ts, ts.with_suffix(".qm"))
    return status


if __name__ == "__main__":
    sys.exit(main())
