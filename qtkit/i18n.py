"""Qt translations of the GUIs: source strings are Simplified Chinese; English comes from ``tongban_en.qm``."""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Final

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from core.assets import assets_dir

logger = logging.getLogger(__name__)

# installer/tools/update_translations.sh runs pyside6-lupdate over qtkit, window_client and kiosk
# into assets/translations/tongban_en.ts and compiles it with pyside6-lrelease; both files are
# committed. Use QCoreApplication.translate("Context", "…") with literal strings (lupdate reads
# them; an alias such as `tr = QCoreApplication.translate` is misread as self.tr). Widgets
# retranslate on QEvent.LanguageChange, so the kiosk can switch language on a running screen.

DEFAULT_LANGUAGE: Final = "zh_CN"
LANGUAGES: Final = ("zh_CN", "en")
CATALOG: Final = "tongban"  # tongban_<lang>.qm
_TRANSLATOR_NAME: Final = "tongban-translator"  # objectName of the translators we install
LANGUAGE_PROPERTY: Final = "tongban_language"  # the QCoreApplication property naming the language in effect


def translations_dir() -> Path:
    """``assets/translations`` (``TONGBAN_ASSETS`` moves it with the other assets)."""
    return assets_dir() / "translations"


def install_translator(
    app: QCoreApplication, lang: str = DEFAULT_LANGUAGE, *, directory: Path | None = None
) -> bool:
    """Make ``lang`` the language of ``app``; True when it is fully in effect.

    zh_CN needs no catalog of ours (the sources are Chinese), only Qt's own ``qtbase_zh_CN``
    for its standard dialogs. For en, a missing or unreadable ``tongban_en.qm`` logs a warning
    and the interface stays Chinese. Translators installed by an earlier call are removed first.
    """
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r} (have: {', '.join(LANGUAGES)})")
    for old in app.findChildren(QTranslator, _TRANSLATOR_NAME):
        app.removeTranslator(old)
        _discard(old)
    app.setProperty(LANGUAGE_PROPERTY, DEFAULT_LANGUAGE)
    QLocale.setDefault(QLocale(lang))
    _install_qt_translation(app, lang)
    if lang == DEFAULT_LANGUAGE:
        return True
    folder = directory if directory is not None else translations_dir()
    path = folder / f"{CATALOG}_{lang}.qm"
    translator = _translator(app)
    if not path.is_file() or not translator.load(str(path)):
        logger.warning(
            "translation %s is missing or unreadable: the interface stays in Chinese "
            "(run installer/tools/update_translations.sh)",
            path,
        )
        _discard(translator)
        return False
    app.installTranslator(translator)
    app.setProperty(LANGUAGE_PROPERTY, lang)
    logger.info("interface language %s from %s", lang, path)
    return True


def current_language(app: QCoreApplication) -> str:
    """The language ``install_translator`` last put in effect (zh_CN when none)."""
    lang = app.property(LANGUAGE_PROPERTY)
    return str(lang) if lang in LANGUAGES else DEFAULT_LANGUAGE


def _install_qt_translation(app: QCoreApplication, lang: str) -> None:
    """Qt's own strings (Yes/No, Cancel …) in the same language; Qt's sources are English."""
    if lang == "en":
        return
    translator = _translator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(QLocale(lang), "qtbase", "_", folder):
        app.installTranslator(translator)
    else:
        logger.info("Qt's own %s translation (qtbase) not found in %s", lang, folder)
        _discard(translator)


def _translator(app: QCoreApplication) -> QTranslator:
    translator = QTranslator(app)
    translator.setObjectName(_TRANSLATOR_NAME)
    return translator


def _discard(translator: QTranslator) -> None:
    translator.setParent(None)  # at once out of findChildren; the object itself goes later
    translator.deleteLater()


def fill(template: str, *args: object) -> str:
    """``QString.arg`` for translated templates: ``%1``, ``%2`` … replaced in one pass, so a value
    that itself contains ``%2`` is left alone. Translators may reorder the markers."""

    def value(match: re.Match[str]) -> str:
        index = int(match.group(1)) - 1
        return str(args[index]) if 0 <= index < len(args) else match.group(0)

    return _MARKER.sub(value, template)


_MARKER: Final = re.compile(r"%(\d+)")
