"""Finds English sentences in Python source: string constants outside docstrings.

A string counts as a sentence when, with its {placeholders} taken out, it holds at least three
words of letters in a row separated by single spaces ("Not for you", "see a doctor"). Ids,
answer words, paths, CSS and one- or two-word labels do not count; short labels that a person
reads are caught where they sit in tables with longer ones.

Messages about bad input stay in English (issue 18), all in one module, careplan/messages.py
(tests/english_in_code.py MESSAGES), which the test leaves out; a message written anywhere
else counts as a sentence like any other.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

SENTENCE = re.compile(r"[A-Za-z][a-z']*(?: [A-Za-z][a-z']*){2,}")
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def is_sentence(text: str) -> bool:
    """Whether the text holds three or more words in a row, placeholders aside."""
    return SENTENCE.search(_PLACEHOLDER.sub(" ", text)) is not None


def _docstrings(tree: ast.AST) -> set[int]:
    # Every bare string statement: docstrings, and the attribute docstrings under constants.
    return {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
    }


def sentences(source: str) -> Iterator[tuple[int, str]]:
    """(line, text) of every English sentence in the source, except docstrings."""
    tree = ast.parse(source)
    skipped = _docstrings(tree)
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in skipped
            and is_sentence(node.value)
        ):
            yield node.lineno, node.value


def sentences_in(package: Path) -> dict[str, list[tuple[int, str]]]:
    """Every sentence in every Python file under `package`, by path relative to its parent."""
    found: dict[str, list[tuple[int, str]]] = {}
    for path in sorted(package.rglob("*.py")):
        hits = sorted(sentences(path.read_text(encoding="utf-8")))
        if hits:
            found[path.relative_to(package.parent).as_posix()] = hits
    return found
