"""The app's language: translators for pushgui and Qt's own dialogs, dates as people read them.

English is the source language and needs no translator. Chinese loads ``pushgui_zh_CN.qm``
(compiled from ``resources/translations/pushgui_zh_CN.ts``, shipped in the package and kept
next to the source for runs from a checkout) and Qt's ``qtbase_zh_CN.qm`` (standard buttons,
file dialogs) and sets the default QLocale (weekdays, months, number formats).

The Qt-free core holds no translator: its texts are messages the window renders
(:func:`readable`) with :func:`language`, the translators installed on the application, which
every ``tr()`` reads too (docs/ARCHITECTURE.md, "Composition root").
"""

from __future__ import annotations

import logging
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QLibraryInfo,
    QLocale,
    QTime,
    QTranslator,
)

from pushgui.core.system.i18n import Language
from pushgui.core.system.preferences import LANGUAGES

log = logging.getLogger(__name__)

_PACKAGED = Path(__file__).resolve().parents[1] / "resources" / "translations"
_SOURCE = Path(__file__).resolve().parents[2] / "resources" / "translations"

_installed: list[QTranslator] = []

# QLocale patterns: "Thu 24 Dec 2026 09:00" and "2026年12月24日 周四 09:00" (周一..周日, as the
# schedule descriptions write weekdays; see docs/GLOSSARY.md).
_PATTERNS = {
    "en": {"date": "ddd d MMM yyyy", "short_date": "ddd d MMM", "time": "HH:mm"},
    "zh": {"date": "yyyy年M月d日 ddd", "short_date": "M月d日 ddd", "time": "HH:mm"},
}


class _Translator(QTranslator):
    """A .qm translator that also finds messages lupdate could not give a class context.

    ``tr = self.tr; tr("…")`` and helpers taking ``tr`` as an argument are extracted into the
    empty context, while at run time they ask with the class name: look there as well.
    """

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        found = super().translate(context, source, disambiguation, n)
        if not found and context:
            found = super().translate("", source, disambiguation, n)
        # None (a null QString) lets Qt ask the next translator (qtbase) or keep the source.
        return found or None


def translations_folder() -> Path:
    """Where ``pushgui_<language>.qm`` is: in the installed package, else in the checkout."""
    for folder in (_PACKAGED, _SOURCE):
        if any(folder.glob("pushgui_*.qm")):
            return folder
    return _SOURCE


def resolve(language: str) -> str:
    """The language to use for a setting: "en" or "zh_CN" ("system" asks the machine)."""
    if language == "system":
        system = QLocale.system()
        if system.language() == QLocale.Language.Chinese and system.script() in (
            QLocale.Script.SimplifiedChineseScript,
            QLocale.Script.AnyScript,
        ):
            return "zh_CN"
        return "en"
    return language if language in LANGUAGES else "en"


def _locale_for(language: str) -> QLocale:
    if language == "zh_CN":
        return QLocale("zh_CN")
    system = QLocale.system()
    if system.language() == QLocale.Language.English:
        return system
    # English words with the machine's own conventions where Qt knows them (en_DE, en_CN).
    return QLocale(QLocale.Language.English, system.territory())


def install(app: QCoreApplication, language: str) -> str:
    """Use ``language`` ("system", "en" or "zh_CN") from now on; returns the one chosen.

    Call it before building windows: widgets translate their texts when they are made.
    """
    chosen = resolve(language)
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    QLocale.setDefault(_locale_for(chosen))
    if chosen == "en":
        return chosen
    qt = QTranslator(app)
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt.load(f"qtbase_{chosen}", qt_folder):
        app.installTranslator(qt)
        _installed.append(qt)
    else:
        log.info("Qt's own translation for %s is not installed in %s", chosen, qt_folder)
    ours = _Translator(app)
    if ours.load(f"pushgui_{chosen}", str(translations_folder())):
        app.installTranslator(ours)
        _installed.append(ours)
    else:
        log.warning("No pushgui translation for %s in %s; using English", chosen, _SOURCE)
    return chosen


def language() -> Language:
    """The language of the windows, for core's texts: the translators :func:`install` put on
    the application (as ``tr()`` reads them), named by the default locale it set."""
    chinese = QLocale().language() == QLocale.Language.Chinese
    return Language("zh_CN" if chinese else "en", QCoreApplication.translate)


def readable(text: object) -> str:
    """A text of core's (a message, an error carrying one, a stored row's English) as the
    windows show it, in :func:`language`."""
    return language().render(text)


def stored(text: str) -> str:
    """A run's or delivery's stored English, in the windows' language where pushgui wrote it
    (see :meth:`pushgui.core.system.i18n.Language.stored`)."""
    return language().stored(text)


def _patterns() -> dict[str, str]:
    chinese = QLocale().language() == QLocale.Language.Chinese
    return _PATTERNS["zh" if chinese else "en"]


def date_pattern() -> str:
    """The display format for date widgets (QDateEdit) in the app's language."""
    return _patterns()["date"]


def date_time_pattern() -> str:
    """The display format for date-and-time widgets (QDateTimeEdit)."""
    patterns = _patterns()
    return f"{patterns['date']}  {patterns['time']}"


def format_date(day: date) -> str:
    """A date in the app's language: "Thu 24 Dec 2026", "2026年12月24日 周四"."""
    return QLocale().toString(QDate(day.year, day.month, day.day), _patterns()["date"])


def format_time(moment: datetime) -> str:
    """A time of day: "09:00" (24-hour clock, as the schedule descriptions use)."""
    return QLocale().toString(QTime(moment.hour, moment.minute), _patterns()["time"])


def format_datetime(moment: datetime, local: bool = True) -> str:
    """A date and time: "Thu 24 Dec 2026 09:00", "2026年12月24日 周四 09:00".

    ``local``: an aware moment is shown in this machine's zone; otherwise as it is.
    """
    if local and moment.tzinfo is not None:
        moment = moment.astimezone()
    return f"{format_date(moment.date())} {format_time(moment)}"


def format_short(moment: datetime) -> str:
    """A date and time within the coming days: "Thu 24 Dec 09:00", "12月24日 周四 09:00"."""
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    day = QLocale().toString(
        QDate(moment.year, moment.month, moment.day), _patterns()["short_date"]
    )
    return f"{day} {format_time(moment)}"
