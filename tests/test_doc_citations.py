"""Code cites only documents in the repository's docs/ (docs/ARCHITECTURE.md), and what it
cites is there: the file, and the section named after it."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CODE = ("pushgui", "tests", "bench", "scripts", "packaging")
# A document named in code: "docs/NAME.md" or a bare "NAME.md" (a sibling in docs/), with
# an optional section after it: docs/NAME.md, "Section" or docs/NAME.md "Section".
CITATION = re.compile(
    r"""(?<![\w/.-])((?:docs/)?[A-Z][A-Z_]*\.md)(?:,? ?\(?["“]([A-Za-z][^"”\n]*)["”])?"""
)


def citations() -> list[tuple[str, str, str | None]]:
    found = []
    for folder in CODE:
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix not in (".py", ".spec", ".sh", ".ps1", ".nsi", ".toml"):
                continue
            if path == Path(__file__).resolve():
                continue  # its own comments show the pattern
            text = path.read_text(encoding="utf-8", errors="replace")
            for match in CITATION.finditer(text):
                found.append((str(path.relative_to(ROOT)), match.group(1), match.group(2)))
    return found


def test_code_cites_only_documents_in_docs_and_their_sections_exist():
    problems = []
    cited = citations()
    assert cited, "no citation found: the pattern no longer matches how code cites docs"
    for where, name, section in cited:
        document = ROOT / "docs" / Path(name).name
        if name not in ("README.md",) and not document.is_file():
            problems.append(f"{where}: cites {name}, which is not in docs/")
            continue
        if section and section.lower() not in document.read_text(encoding="utf-8").lower():
            problems.append(f'{where}: cites {name}, "{section}", which it does not have')
    assert problems == []
