"""Finds English sentences in Python source: string constants outside docstrings.

A string counts as a sentence when, with its {placeholders} taken out, it holds at least three
words of letters in a row separated by single spaces ("Not for you", "see a doctor"). Ids,
answer words, paths, CSS and one- or two-word labels do not count; short labels that a person
reads are caught where they sit in tables with longer ones.

Two places are recognised as messages about bad input, which stay in English in the code
(issue 18: error messages for bad files may stay in English): the text of a `raise`, and text
added to a list of `problems`.
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


def _is_message(node: ast.AST, parents: dict[int, ast.AST]) -> bool:
    while id(node) in parents:
        node = parents[id(node)]
        if isinstance(node, ast.Raise):
            return True
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in ("append", "extend")
            and "problems" in ast.unparse(node.func.value)
        ):
            return True
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            return False
    return False


def sentences(source: str) -> Iterator[tuple[int, str]]:
    """(line, text) of every English sentence in the source, except docstrings and messages."""
    tree = ast.parse(source)
    skipped = _docstrings(tree)
    parents = {id(child): node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in skipped
            and is_sentence(node.value)
            and not _is_message(node, parents)
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
