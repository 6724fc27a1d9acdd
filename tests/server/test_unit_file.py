"""The systemd unit in packaging/ is valid and starts the command pushgui knows."""

from __future__ import annotations

import configparser
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pushgui.cli import build_parser

UNIT = Path(__file__).parents[2] / "packaging" / "linux" / "pushgui-server.service"


def _service() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read_string(UNIT.read_text(encoding="utf-8"))
    return parser["Service"]


def test_the_unit_runs_pushgui_serve_and_restarts_it():
    service = _service()
    program, *args = shlex.split(service["ExecStart"])
    assert Path(program).name == "pushgui"
    parsed = build_parser().parse_args(args)
    assert parsed.command == "serve" and parsed.data_dir == "/var/lib/pushgui"
    assert service["Restart"] == "always"  # a server that lost its connection comes back


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze not found")
def test_systemd_accepts_the_unit(tmp_path):
    program = Path(sys.executable).with_name("pushgui")
    if not program.exists():
        pytest.skip("the pushgui script is not installed beside this Python")
    unit = tmp_path / UNIT.name
    text = UNIT.read_text(encoding="utf-8").replace("/opt/pushgui/bin/pushgui", str(program))
    unit.write_text(text, encoding="utf-8")
    result = subprocess.run(
        ["systemd-analyze", "verify", str(unit)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
