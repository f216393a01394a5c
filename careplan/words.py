"""The one loader of the content library: the person's words by language, and the data files.

The words a person reads live in `careplan/content/<language>/*.toml`, one folder per
language with the same files and keys. The data files beside those folders
(`careplan/content/*.toml`: rule conditions, ids, tiers, sources, exercise geometry) hold no
words; the words of a data file's entries are in the language's file of the same name, keyed
by the entries' ids, and `merged` puts the two together (`MERGED` names those files).
Problems are collected, never raised one at a time: a reader notes each missing, unused or
malformed key as one line, "file: key: problem", and `finish()` raises `ContentError` listing
them all.
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

from careplan import messages
from careplan.errors import ContentError

#: The languages careplan can write in; each is a folder of careplan/content/.
LANGUAGES = ("en", "es")
DEFAULT_LANGUAGE = "en"
#: The languages of the answers format (careplan-answers/1): careplan refuses those not in
#: LANGUAGES, clearly, until their folder exists.
CODES = ("en", "es")


def of_locale(locale: str) -> str:
    """The language a locale such as "es_ES.UTF-8" asks for: the code of the answers format it
    starts with, else the default."""
    return next((code for code in CODES if locale.startswith(code)), DEFAULT_LANGUAGE)


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
            problems.append(messages.at(name, messages.MISSING))
            docs[name] = {}
        except tomllib.TOMLDecodeError as err:
            problems.append(messages.at(name, messages.not_valid_toml(err)))
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


#: The data files whose words are in a language folder under the same name, and the list of
#: tables whose ids are the top-level keys of that words file (None: the words file has the
#: data file's own tables, and a list of tables is keyed by its entries' ids).
MERGED: Mapping[str, str | None] = {
    "treatments.toml": "item",
    "medicines.toml": "item",
    "prevention.toml": "item",
    "plan.toml": None,
    "exercises.toml": None,
    "poses.toml": None,
    "warnings.toml": None,
}


def _is_id_list(value: Any) -> bool:
    return (
        isinstance(value, list)
        and bool(value)
        and all(isinstance(v, dict) and isinstance(v.get("id"), str) for v in value)
    )


@dataclass
class _Merge:
    data_file: str
    words_file: str
    problems: list[str]

    def tables(self, data: Mapping[str, Any], said: Mapping[str, Any], path: str) -> dict[str, Any]:
        """A data table with its words: the words' keys added, tables merged key by key."""
        out = dict(data)
        for key, value in said.items():
            dotted = f"{path}{key}"
            here = data.get(key)
            if key not in data:
                out[key] = value
            elif isinstance(here, dict) and isinstance(value, dict):
                out[key] = self.tables(here, value, f"{dotted}.")
            elif isinstance(here, list) and _is_id_list(here) and isinstance(value, dict):
                out[key] = self.entries(here, value, f"{dotted}.")
            else:
                self.problems.append(
                    messages.at(f"{self.words_file}: {dotted}", messages.also_in(self.data_file))
                )
        return out

    def entries(
        self, data: list[dict[str, Any]], said: Mapping[str, Any], path: str
    ) -> list[dict[str, Any]]:
        """A list of tables with ids, each with the words under its id (an entry without words
        of its own has none: its reader reports any it needs)."""
        ids = [entry["id"] for entry in data]
        for key in said:
            if key not in ids:
                self.problems.append(
                    messages.at(f"{self.words_file}: {path}{key}", messages.UNKNOWN_ID)
                )
        out = []
        for entry in data:
            words = said.get(entry["id"], {})
            if not isinstance(words, dict):
                self.problems.append(
                    messages.at(
                        f"{self.words_file}: {path}{entry['id']}", messages.EXPECTED_A_TABLE
                    )
                )
                words = {}
            out.append(self.tables(entry, words, f"{path}{entry['id']}."))
        return out


def merge(
    name: str, language: str, data: Mapping[str, Any], said: Mapping[str, Any], problems: list[str]
) -> dict[str, Any]:
    """The data file `name` with the words of careplan/content/<language>/<name> put in.

    Every problem (words for an unknown id, a key in both files) is noted in `problems` as
    one line with the file and the key."""
    merging = _Merge(name, f"{language}/{name}", problems)
    root = MERGED[name]
    if root is None:
        return merging.tables(data, said, "")
    entries = data.get(root, [])
    if not _is_id_list(entries):
        problems.append(messages.at(f"{name}: {root}", messages.EXPECTED_TABLES_WITH_IDS))
        return dict(data)
    return {**data, root: merging.entries(entries, said, "")}


def merged_texts(
    texts: Mapping[str, str], names: Iterable[str], language: str, problems: list[str]
) -> dict[str, dict[str, Any]]:
    """Each named data file parsed from `texts`, with its words from `texts["<language>/<name>"]`
    put in when it has a words file (MERGED)."""
    names = tuple(names)
    worded = tuple(f"{language}/{name}" for name in names if name in MERGED)
    docs = parse_documents(texts, (*names, *worded), problems)
    return {
        name: merge(name, language, docs[name], docs[f"{language}/{name}"], problems)
        if name in MERGED
        else docs[name]
        for name in names
    }


def texts_of(names: Iterable[str], language: str) -> dict[str, str]:
    """The text of each named data file and of its words file in `language` (MERGED)."""
    texts: dict[str, str] = {}
    for name in names:
        for path in (name, f"{language}/{name}") if name in MERGED else (name,):
            with contextlib.suppress(FileNotFoundError, NotADirectoryError):
                texts[path] = read_file(path)
    return texts


@functools.cache
def document(name: str, language: str = DEFAULT_LANGUAGE) -> dict[str, Any]:
    """One data file of the content library with its words in `language`, parsed once;
    ContentError when it cannot be."""
    problems: list[str] = []
    doc = merged_texts(texts_of((name,), check_language(language)), (name,), language, problems)
    if problems:
        raise ContentError(problems)
    return doc[name]


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
            self.problems.append(messages.at(f"{self.file}: {key}", messages.MISSING))
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
            self.problems.append(messages.at(f"{self.file}: {key}", messages.expected_text(value)))
            return ""
        if fields_of(value) != set(fields):
            wanted = ", ".join(f"{{{f}}}" for f in fields) or messages.NO_PLACEHOLDERS
            self.problems.append(messages.at(f"{self.file}: {key}", messages.got(wanted, value)))
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
            self.problems.append(messages.at(f"{self.file}: {key}", messages.expected_texts(value)))
            return ()
        for item in value:
            if not fields_of(item) <= set(fields):
                self.problems.append(
                    messages.at(f"{self.file}: {key}", messages.unknown_placeholder(item))
                )
        return tuple(value)

    def table(self, prefix: str) -> dict[str, str]:
        """Every text under `prefix`, by the rest of its key (a table of labels by word)."""
        found = {
            key[len(prefix) + 1 :]: key for key in self.entries if key.startswith(f"{prefix}.")
        }
        if not found:
            self.problems.append(messages.at(f"{self.file}: {prefix}", messages.MISSING))
        return {short: self.text(key) for short, key in found.items()}

    def finish(self) -> None:
        """Raise `ContentError` listing every problem, unused keys included."""
        for key in sorted(set(self.entries) - self.used):
            self.problems.append(messages.at(f"{self.file}: {key}", messages.UNKNOWN_KEY))
        if self.problems:
            raise ContentError(self.problems)


def check_language(language: str) -> str:
    """The language itself, when careplan has its words; ContentError otherwise."""
    if language not in LANGUAGES:
        raise ContentError([messages.unknown_language(language, ", ".join(LANGUAGES))])
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
