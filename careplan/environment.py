"""What careplan takes from where it runs: the plan's date, the locale's paper and language,
its own name."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime

from careplan import __version__, messages, words
from careplan import answers as answers_model
from careplan.errors import UsageError

GENERATOR = f"careplan {__version__}"

# Territories whose usual paper is Letter (the rest of the world uses A4).
LETTER_TERRITORIES = frozenset({"US", "CA", "MX", "PH", "CL", "CO", "VE", "CR", "GT", "PR"})


def today() -> date:
    """The plan's date: today, or SOURCE_DATE_EPOCH for reproducible output."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), tz=UTC).date()
        except (ValueError, OverflowError, OSError):
            raise UsageError(
                messages.bad_source_date_epoch(answers_model.printable(repr(epoch)[:40]))
            ) from None
    return date.today()


def locale_language(environ: os._Environ[str] | dict[str, str]) -> str:
    """The language of the locale (the first of LC_ALL, LC_MESSAGES, LANG that is set): "es"
    when it starts with "es", else English; English too when careplan has no words in it yet."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value:
            language = words.of_locale(value)
            return language if language in words.LANGUAGES else words.DEFAULT_LANGUAGE
    return words.DEFAULT_LANGUAGE


def locale_paper(environ: os._Environ[str] | dict[str, str]) -> str:
    """Letter or A4 from the locale (LC_ALL, LC_PAPER, LANG); letter when there is none."""
    for name in ("LC_ALL", "LC_PAPER", "LANG"):
        value = environ.get(name, "")
        if value and value not in ("C", "POSIX") and not value.startswith("C."):
            territory = value.split(".")[0].partition("_")[2].upper()
            if territory:
                return "letter" if territory in LETTER_TERRITORIES else "a4"
    return "letter"
