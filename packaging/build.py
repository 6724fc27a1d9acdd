"""Build pushgui for the current OS with PyInstaller, smoke-test it, and make the installers.

    python packaging/build.py [--skip-build] [--no-installers] [--no-gui-smoke]

Run it with a Python that has pushgui's dependencies installed (``pip install .`` or
``pip install .[packaging]``); PyInstaller is installed into that environment if missing.
Steps: icons from the SVG (packaging/icons.py), translations (.ts -> .qm) if any,
PyInstaller with packaging/pushgui.spec into dist/, a size check (< 150 MB), the smoke
test (packaging/smoke.py), then per OS:

- Linux: dist/pushgui-<version>-linux-<arch>.tar.gz and dist/pushgui_<version>_<arch>.deb;
  the .deb's file list is checked, it is unpacked into a scratch root and the installed
  launcher is smoke-tested too; the .desktop file and AppStream metainfo are validated
  when appstreamcli / desktop-file-validate are installed.
- Windows: the Inno Setup installer, when ISCC.exe is on PATH (or in its usual folder).
- macOS: the .dmg (packaging/macos/make-dmg.sh).

Exits non-zero on any failure. Everything is written to build/ and dist/ (gitignored).
"""

from __future__ import annotations

import argparse
import importlib.metadata
import importlib.util
import os
import platform
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
BUILD = ROOT / "build"
DIST = ROOT / "dist"
SIZE_LIMIT_MB = 150

LINUX = sys.platform.startswith("linux")
WINDOWS = sys.platform == "win32"
MACOS = sys.platform == "darwin"

sys.path.insert(0, str(PACKAGING))
import icons  # noqa: E402
import smoke  # noqa: E402


class BuildError(Exception):
    pass


_STARTED = time.monotonic()


def step(title: str) -> None:
    print(f"\n== [{time.monotonic() - _STARTED:4.0f} s] {title}", flush=True)


def run(*command: str | Path, **kwargs: Any) -> subprocess.CompletedProcess[Any]:
    printable = " ".join(str(c) for c in command)
    print(f"$ {printable}", flush=True)
    try:
        return subprocess.run([str(c) for c in command], check=True, **kwargs)
    except subprocess.CalledProcessError as exc:
        raise BuildError(f"{printable} failed with status {exc.returncode}") from None


def version() -> str:
    text = (ROOT / "pushgui" / "__init__.py").read_text(encoding="utf-8")
    found = re.search(r'^__version__ = "([^"]+)"', text, re.M)
    if not found:
        raise BuildError("no __version__ in pushgui/__init__.py")
    return found.group(1)


def declared_dependencies() -> list[str]:
    """Distribution names of pushgui's dependencies that apply to this platform."""
    import tomllib

    from packaging.requirements import Requirement  # PyInstaller and pip depend on it

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = [Requirement(text) for text in project.get("dependencies", [])]
    return [r.name for r in requirements if r.marker is None or r.marker.evaluate()]


def ensure_tools() -> None:
    if importlib.util.find_spec("PyInstaller") is None:
        step("Installing PyInstaller into this environment")
        run(sys.executable, "-m", "pip", "install", "pyinstaller>=6.10")
    missing = []
    for name in declared_dependencies():
        try:
            importlib.metadata.distribution(name)
        except importlib.metadata.PackageNotFoundError:
            missing.append(name)
    if missing:
        raise BuildError(
            f"{sys.executable} lacks pushgui's dependencies ({', '.join(missing)}); "
            "run `pip install .[packaging]` first"
        )


def compile_translations(out: Path) -> list[Path]:
    """resources/translations/*.ts -> out/*.qm with pyside6-lrelease."""
    sources = sorted((ROOT / "resources" / "translations").glob("*.ts"))
    if out.exists():
        shutil.rmtree(out)
    if not sources:
        return []
    scripts = Path(sys.executable).parent
    lrelease = shutil.which("pyside6-lrelease", path=str(scripts)) or shutil.which(
        "pyside6-lrelease"
    )
    if not lrelease:
        raise BuildError("translations exist but pyside6-lrelease was not found")
    out.mkdir(parents=True)
    made = []
    for ts in sources:
        qm = out / ts.with_suffix(".qm").name
        run(lrelease, ts, "-qm", qm, stdout=subprocess.DEVNULL)
        made.append(qm)
    return made


def pyinstaller() -> None:
    run(
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--clean",
        "--log-level",
        "WARN",
        "--distpath",
        DIST,
        "--workpath",
        BUILD / "pyinstaller",
        PACKAGING / "pushgui.spec",
    )


def bundle_path() -> Path:
    return DIST / ("pushgui.app" if MACOS else "pushgui")


def program_path() -> Path:
    if MACOS:
        return DIST / "pushgui.app" / "Contents" / "MacOS" / "pushgui"
    if WINDOWS:
        return DIST / "pushgui" / "pushgui-cli.exe"
    return DIST / "pushgui" / "pushgui"


def tree_size(folder: Path) -> int:
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() or p.is_symlink())


def check_size(bundle: Path) -> int:
    size = tree_size(bundle)
    print(f"{bundle}: {size / 1e6:.1f} MB ({size / 2**20:.1f} MiB) uncompressed")
    if size > SIZE_LIMIT_MB * 1e6:
        raise BuildError(f"the bundle is over {SIZE_LIMIT_MB} MB: check the Qt exclusions")
    return size


def check_contents(bundle: Path) -> None:
    """Files the app loads by name at run time, which import analysis cannot see."""
    internal = bundle / ("Contents/Frameworks" if MACOS else "_internal")
    expected = [
        "pushgui/core/store/migrations/env.py",
        "pushgui/core/store/migrations/script.py.mako",
        "pushgui/core/store/migrations/versions/0001_initial.py",
        "pushgui/resources/icons/pushgui.svg",
    ]
    missing = [name for name in expected if not (internal / name).exists()]
    metadata = list(internal.glob("apscheduler-*.dist-info/entry_points.txt"))
    if not metadata:
        missing.append("apscheduler-*.dist-info/entry_points.txt")
    else:
        # pushgui passes instances, but any alias lookup must still work in the frozen app.
        text = metadata[0].read_text(encoding="utf-8")
        for alias in ("interval", "cron", "date", "threadpool", "sqlalchemy", "memory"):
            if not re.search(rf"^{alias}\s*=", text, re.M):
                missing.append(f"APScheduler entry point {alias!r}")
    plugins = {p.name.lower() for p in internal.rglob("*") if "plugins" in p.parts}
    for plugin in ("qsvgicon", "qsvg"):
        if not any(re.match(rf"(lib)?{plugin}\.(so|dll|dylib)$", name) for name in plugins):
            missing.append(f"Qt plugin {plugin}")
    if missing:
        raise BuildError("the bundle lacks: " + ", ".join(missing))
    print("migrations, icons, APScheduler entry points and the SVG plugins are bundled")


def check_linked(bundle: Path) -> None:
    """Linux: every bundled library and plugin finds the bundled libraries it links to."""
    internal = bundle / "_internal"
    env = dict(os.environ, LD_LIBRARY_PATH=f"{internal}:{internal / 'PySide6/Qt/lib'}")
    ours = re.compile(r"^lib(Qt6|pyside6|shiboken6|python3|icu)")
    missing: dict[str, set[str]] = {}
    for path in sorted(internal.rglob("*.so*")):
        if path.is_symlink() or not path.is_file():
            continue
        output = subprocess.run(["ldd", str(path)], capture_output=True, text=True, env=env).stdout
        for name in re.findall(r"^\s*(\S+) => not found", output, re.M):
            missing.setdefault(name, set()).add(str(path.relative_to(internal)))
    broken = {name: users for name, users in missing.items() if ours.match(name)}
    if broken:
        details = "; ".join(f"{n} (needed by {', '.join(sorted(u))})" for n, u in broken.items())
        raise BuildError(f"bundled libraries were dropped but are still needed: {details}")
    if missing:
        print(
            "not on this machine (provided by the user's system, e.g. Wayland or GTK): "
            + ", ".join(sorted(missing))
        )


def linux_installers(bundle: Path, icon_dir: Path, app_version: str, gui: bool) -> list[Path]:
    sys.path.insert(0, str(PACKAGING / "linux"))
    import package

    step("Validating the .desktop file and AppStream metainfo")
    ran = package.validate_metadata()
    print("ran: " + (", ".join(ran) if ran else "nothing (neither tool is installed)"))

    step("Making the tarball")
    arch = platform.machine()
    tarball = package.make_tarball(bundle, DIST / f"pushgui-{app_version}-linux-{arch}.tar.gz")
    print(f"{tarball}: {tarball.stat().st_size / 1e6:.1f} MB")

    if not shutil.which("dpkg-deb"):
        print("dpkg-deb is not installed: no .deb")
        return [tarball]
    step("Making the .deb")
    deb = package.make_deb(bundle, icon_dir, app_version, DIST, BUILD / "deb")
    print(f"{deb}: {deb.stat().st_size / 1e6:.1f} MB")
    problems = package.check_deb(deb)
    if problems:
        raise BuildError(f"{deb.name}: " + "; ".join(problems))
    print("dpkg-deb -c lists the program, launcher, .desktop file, metainfo and icons")

    step("Smoke test of the launcher unpacked from the .deb")
    launcher = package.unpack_deb(deb, BUILD / "deb-scratch")
    smoke.smoke([str(launcher)], app_version, gui=gui)
    return [tarball, deb]


def find_iscc() -> str | None:
    found = shutil.which("iscc") or shutil.which("ISCC")
    if found:
        return found
    for base in (os.environ.get("PROGRAMFILES(X86)"), os.environ.get("PROGRAMFILES")):
        candidate = Path(base or "") / "Inno Setup 6" / "ISCC.exe"
        if base and candidate.exists():
            return str(candidate)
    return None


def windows_installer(app_version: str, icon_dir: Path) -> list[Path]:
    iscc = find_iscc()
    if not iscc:
        print("Inno Setup (ISCC.exe) not found: no installer; the one-folder build is in dist/")
        return []
    run(
        iscc,
        f"/DAppVersion={app_version}",
        f"/DSourceDir={DIST / 'pushgui'}",
        f"/DIconFile={icon_dir / 'pushgui.ico'}",
        f"/O{DIST}",
        PACKAGING / "windows" / "pushgui.iss",
    )
    return sorted(DIST.glob(f"pushgui-{app_version}-setup*.exe"))


def macos_dmg(app_version: str) -> list[Path]:
    dmg = DIST / f"pushgui-{app_version}-macos-{platform.machine()}.dmg"
    run("bash", PACKAGING / "macos" / "make-dmg.sh", DIST / "pushgui.app", dmg)
    return [dmg]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-build", action="store_true", help="reuse the build in dist/")
    parser.add_argument("--no-installers", action="store_true", help="stop after the smoke test")
    parser.add_argument(
        "--no-gui-smoke", action="store_true", help="skip starting the window offscreen"
    )
    args = parser.parse_args(argv)
    app_version = version()
    icon_dir = BUILD / "icons"
    try:
        if not args.skip_build:
            ensure_tools()
            step("Rendering icons from resources/icons/pushgui.svg")
            made = icons.make_icons(icon_dir)
            icons.check_icons(made)
            qms = compile_translations(BUILD / "translations")
            print(f"{len(qms)} translation(s) compiled")
            step("PyInstaller")
            pyinstaller()
        bundle = bundle_path()
        if not program_path().exists():
            raise BuildError(f"{program_path()} does not exist: build first")

        step("Checking the bundle")
        size = check_size(bundle)
        check_contents(bundle)
        if LINUX:
            check_linked(bundle)

        step("Smoke test of the frozen program")
        smoke.smoke([str(program_path())], app_version, gui=not args.no_gui_smoke)

        artefacts: list[Path] = []
        if not args.no_installers:
            if LINUX:
                artefacts = linux_installers(bundle, icon_dir, app_version, not args.no_gui_smoke)
            elif WINDOWS:
                artefacts = windows_installer(app_version, icon_dir)
            elif MACOS:
                artefacts = macos_dmg(app_version)
    except (BuildError, smoke.SmokeError, subprocess.TimeoutExpired, OSError) as exc:
        print(f"\nBUILD FAILED: {exc}", file=sys.stderr)
        return 1

    step("Done")
    print(f"{bundle}: {size / 1e6:.1f} MB uncompressed")
    for artefact in artefacts:
        print(f"{artefact}: {artefact.stat().st_size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
