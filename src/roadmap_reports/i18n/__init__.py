"""Messages in the reader's language: Japanese on a Japanese system, English otherwise.

Message ids are the English texts; `locales/ja/LC_MESSAGES/roadmap_reports.po` holds their Japanese and
is compiled (by Babel: `python scripts/i18n.py`) into the `.mo` file next to it, which the wheel ships.
The language is, in order: ROADMAP_REPORTS_LANG (`ja` or `en`); the POSIX locale variables LC_ALL,
LC_MESSAGES, LANG (`ja_JP.UTF-8` → Japanese; `C`, `en_US.UTF-8` → English); where none is set (Windows),
the system's locale and code page (cp932 → Japanese).

`_()` translates at the moment a message is shown; `N_()` only marks a text (a Click help string written
at import time) for extraction, and the command line translates it when the help is shown.
"""

from __future__ import annotations

import functools
import gettext as _gettext
import os
from pathlib import Path

DOMAIN = "roadmap_reports"
LANGUAGES = ("en", "ja")
LOCALE_DIR = Path(__file__).resolve().parent / "locales"


def language() -> str:
    """'ja' or 'en', decided now (the environment may change between two calls in tests)."""
    forced = os.environ.get("ROADMAP_REPORTS_LANG", "").strip().lower()
    if forced:
        return "ja" if forced.startswith("ja") else "en"
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "").strip()
        if value:
            return "ja" if value.lower().startswith("ja") else "en"
    return "ja" if system_is_japanese() else "en"


def system_is_japanese() -> bool:
    """Without locale variables (Windows): a Japanese system locale or the Japanese code page cp932."""
    import locale

    try:
        name = locale.getlocale()[0] or ""
    except ValueError:
        name = ""
    if name.lower().startswith(("ja", "japanese")):
        return True
    getencoding = getattr(locale, "getencoding", None)  # Python 3.11+
    encoding = getencoding() if getencoding else locale.getpreferredencoding(False)
    return (encoding or "").lower().replace("_", "").replace("-", "") in ("cp932", "ms932", "mskanji",
                                                                          "shiftjis", "sjis", "windows31j")


@functools.lru_cache(maxsize=None)
def translations(lang: str) -> _gettext.NullTranslations:
    """The catalog of a language (English: the message ids themselves)."""
    if lang == "en":
        return _gettext.NullTranslations()
    return _gettext.translation(DOMAIN, localedir=str(LOCALE_DIR), languages=[lang], fallback=True)


def gettext(message: str) -> str:
    """`message` in the reader's language."""
    return translations(language()).gettext(message) if message else message


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural of a message for `n`, in the reader's language."""
    return translations(language()).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark `message` for extraction only; it is translated where it is shown."""
    return message


_ = gettext


def install_for_click() -> None:
    """Let Click's own messages (Usage:, Options:, "No such option") use this package's catalog: Click
    asks the standard `gettext` module, whose language comes from LANGUAGE."""
    _gettext.bindtextdomain(DOMAIN, str(LOCALE_DIR))
    _gettext.textdomain(DOMAIN)
    os.environ["LANGUAGE"] = language()
