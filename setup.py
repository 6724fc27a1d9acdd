"""Build hook: copy the sources in resources/ into the package (Picard-style).

Icons and desktop files are shipped as they are; translation sources (.ts) are compiled to
.qm when Qt's lrelease is available at build time.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

SHIPPED = ("icons", "translations", "linux")


class BuildWithResources(build_py):
    def run(self) -> None:
        super().run()
        source = Path(__file__).parent / "resources"
        target = Path(self.build_lib) / "pushgui" / "resources"
        for folder in SHIPPED:
            if (source / folder).is_dir():
                shutil.copytree(source / folder, target / folder, dirs_exist_ok=True)
        lrelease = shutil.which("pyside6-lrelease")
        for ts in (target / "translations").glob("*.ts") if lrelease else ():
            subprocess.run([lrelease, str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True)


setup(cmdclass={"build_py": BuildWithResources})
