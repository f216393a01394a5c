"""A working cache for the HTML parser WeasyPrint reads a plan with (tinyhtml5).

tinyhtml5 (2.1.0, the newest) keeps a regular expression for each set of characters its
tokenizer scans up to, in a dict keyed by that set. Its code stores each new expression under
the expression itself, not under the set (`characters = cache[key] = regex` names the
expression first), so every lookup misses and the expression is built again, thousands of
times a plan: about 5% of its layout time (0.61 against 0.57 CPU-seconds for first-spasm,
median of 7 layouts in one process, 2 December 2026), for nothing.

`mend()` swaps that dict for one that builds a missing expression the same way and keeps it
under the set it was asked for, so the parser's lookup finds it and never reaches its own
(broken) store. The parser reads the same characters: the PDFs are the same bytes.
"""

from __future__ import annotations

import re
from typing import Any


class _Expressions(dict[tuple[Any, bool], re.Pattern[str]]):
    """The expressions by (characters, opposite): built on first use, then kept."""

    def __missing__(self, key: tuple[Any, bool]) -> re.Pattern[str]:
        characters, opposite = key
        escaped = "".join(f"\\x{ord(character):02x}" for character in characters)
        expression = re.compile(f"[{escaped}]+" if opposite else f"[^{escaped}]+")
        self[key] = expression
        return expression


def mend() -> bool:
    """Put the working cache in tinyhtml5's place; True when it is in place (now or before),
    False when this tinyhtml5 keeps its expressions some other way (then nothing changes)."""
    try:
        from tinyhtml5 import inputstream
    except ImportError:
        return False
    found = getattr(inputstream, "characters_until_regex", None)
    if isinstance(found, _Expressions):
        return True
    if type(found) is not dict:
        return False
    inputstream.characters_until_regex = _Expressions()
    return True
