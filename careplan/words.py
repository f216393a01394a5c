"""The one loader of the content library: the person's words by language, and the data files.

The words a person reads live in `careplan/content/<language>/*.toml`, one folder per
language with the same files and keys. The data files beside those folders
(`careplan/content/*.toml`: rule conditions, exercise geometry, sources, and for now the
words of the treatments, medicines, exercises, prevention topics, the plan's own sections and
the warning sections) are read by the same loader. Problems are collected,
never raised one at a time: a reader notes each missing, unused or malformed key as one line,
"file: key: problem", and `finish()` raises `ContentError` listing them all.
"""

from __future__ import annotations

import contextlib
import functools
import string
import tomllib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from careplan.errors import ContentError

#: The languages careplan can write in; each is a folder of careplan/content/.
LANGUAGES = ("en", "es")
DEFAULT_LANGUAGE = "en"
FOLDER = "content"


def read_file(name: str) -> str:
    """The text of one file of the content library, by its path under careplan/content/."""
    # From the careplan package, not careplan.content: importing that package needs the model,
    # and the model's dates are read from here.
    return resources.files("careplan").joinpath(FOLDER, *name.split("/")).read_text("utf-8")


def parse_documents(
    texts: Mapping[str, str], names: Iterable[str], problems: list[str]
) -> dict[str, dict[str, Any]]:
    """Each named TOML text parsed; a missing or invalid file becomes a problem and `{}`."""
    docs: dict[str, dict[str, Any]] = {}
    for name in names:
        try:
            docs[name] = tomllib.loads(texts[name])
        except KeyError:
            problems.append(f"{name}: missing")
            docs[name] = {}
        except tomllib.TOMLDecodeError as err:
            problems.append(f"{name}: not valid TOML: {err}")
            docs[name] = {}
    return docs


def read_documents(names: Iterable[str], problems: list[str]) -> dict[str, dict[str, Any]]:
    """The content library's files, parsed; a missing or invalid file becomes a problem."""
    texts: dict[str, str] = {}
    names = tuple(names)
    for name in names:
        with contextlib.suppress(FileNotFoundError, NotADirectoryError):
            texts[name] = read_file(name)
    return parse_documents(texts, names, problems)


@functools.cache
def document(name: str) -> dict[str, Any]:
    """One data file of the content library, parsed once; ContentError when it cannot be."""
    problems: list[str] = []
    doc = read_documents((name,), problems)[name]
    if problems:
        raise ContentError(problems)
    return doc


def fields_of(pattern: str) -> set[str]:
    """The named placeholders of a sentence pattern, such as {path} in "Wrote {path}"."""
    return {name for _, name, _, _ in string.Formatter().parse(pattern) if name}


def _flatten(table: Mapping[str, Any], prefix: str = "") -> Iterator[tuple[str, Any]]:
    for key, value in table.items():
        dotted = f"{prefix}{key}"
        if isinstance(value, dict):
            yield from _flatten(value, f"{dotted}.")
        else:
            yield dotted, value


@dataclass
class Reader:
    """Looks up the words of one file of one language, noting every problem instead of stopping.

    Keys are dotted paths into the file ("age.message"). A missing key reads as "" and is noted;
    so is a key of the file that nobody looked up, once `finish()` is called.
    """

    file: str
    entries: Mapping[str, Any]
    problems: list[str]
    used: set[str] = field(default_factory=set)

    def _get(self, key: str) -> Any:
        self.used.add(key)
        if key not in self.entries:
            self.problems.append(f"{self.file}: {key}: missing")
            return None
        return self.entries[key]

    def has(self, key: str) -> bool:
        """Whether the file has this key (an optional entry)."""
        return key in self.entries

    def text(self, key: str, *fields: str) -> str:
        """One piece of text; `fields` are the placeholders it must have, no more, no fewer."""
        value = self._get(key)
        if value is None:
            return ""
        if not isinstance(value, str) or not value.strip():
            self.problems.append(f"{self.file}: {key}: expected non-empty text, got {value!r}")
            return ""
        if fields_of(value) != set(fields):
            wanted = ", ".join(f"{{{f}}}" for f in fields) or "no placeholders"
            self.problems.append(f"{self.file}: {key}: expected {wanted}, got {value!r}")
        return value

    def optional(self, key: str, *fields: str) -> str:
        """Text that may be left out: "" when the file has no such key."""
        return self.text(key, *fields) if self.has(key) else ""

    def texts(self, key: str, *fields: str) -> tuple[str, ...]:
        """A list of pieces of text (paragraphs), each with exactly the placeholders `fields`."""
        value = self._get(key)
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.problems.append(
                f"{self.file}: {key}: expected a list of non-empty text, got {value!r}"
            )
            return ()
        for item in value:
            if not fields_of(item) <= set(fields):
                self.problems.append(f"{self.file}: {key}: unknown placeholder in {item!r}")
        return tuple(value)

    def table(self, prefix: str) -> dict[str, str]:
        """Every text under `prefix`, by the rest of its key (a table of labels by word)."""
        found = {
            key[len(prefix) + 1 :]: key for key in self.entries if key.startswith(f"{prefix}.")
        }
        if not found:
            self.problems.append(f"{self.file}: {prefix}: missing")
        return {short: self.text(key) for short, key in found.items()}

    def finish(self) -> None:
        """Raise `ContentError` listing every problem, unused keys included."""
        for key in sorted(set(self.entries) - self.used):
            self.problems.append(f"{self.file}: {key}: unknown key")
        if self.problems:
            raise ContentError(self.problems)


def check_language(language: str) -> str:
    """The language itself, when careplan has its words; ContentError otherwise."""
    if language not in LANGUAGES:
        raise ContentError([f"language {language!r}: expected one of {', '.join(LANGUAGES)}"])
    return language


def reader(language: str, name: str) -> Reader:
    """A reader for careplan/content/<language>/<name>.toml."""
    return reader_of_text(language, name, _text_of(check_language(language), name))


@functools.cache
def _text_of(language: str, name: str) -> str | None:
    try:
        return read_file(f"{language}/{name}.toml")
    except (FileNotFoundError, NotADirectoryError):
        return None


def reader_of_text(language: str, name: str, text: str | None) -> Reader:
    """A reader over the given text of careplan/content/<language>/<name>.toml (for tests)."""
    file = f"{language}/{name}.toml"
    problems: list[str] = []
    doc = parse_documents({} if text is None else {file: text}, (file,), problems)[file]
    return Reader(file, dict(_flatten(doc)), problems)


def keys_of(language: str, name: str) -> set[str]:
    """Every dotted key of careplan/content/<language>/<name>.toml: for checking languages match."""
    return {key for key, _ in _flatten(tomllib.loads(_text_of(language, name) or ""))}


def files_of(language: str) -> tuple[str, ...]:
    """The names of the word files of a language, without .toml."""
    folder = resources.files("careplan").joinpath(FOLDER, language)
    return tuple(sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".toml")))
