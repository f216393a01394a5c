"""The plan in Spanish: the same words as English, easy to read, and the same decisions."""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from typing import Any

import pytest
from fontTools.ttLib import TTFont
from textstat.textstat import textstatistics

from careplan import words
from careplan.render.html import FONT_FILES, _covered
from careplan.render.resources import assets_dir

#: INFLESZ (Szigriszt-Pazos) 65 or more: "bastante fácil" or easier, for everyday Spanish.
MIN_INFLESZ = 65.0
#: Every Spanish letter and mark the plan may print.
SPANISH_MARKS = "áéíóúüñÁÉÍÓÚÜÑ¿¡«»"


def _spanish_readability() -> textstatistics:
    # An instance of its own: textstat's module-level language is shared with the English
    # reading-grade tests that run in the same process.
    reader = textstatistics()
    reader.set_lang("es")
    return reader


SPANISH = _spanish_readability()


def inflesz(text: str) -> float:
    """The INFLESZ score of a Spanish text: 65 or more reads easily."""
    return float(SPANISH.szigriszt_pazos(text))


def sentence(text: str) -> str:
    """A piece of text ending as a sentence, so that bullets do not run into each other."""
    text = text.strip()
    return text if text[-1] in ".!?:" else text + "."


def _flat(language: str, name: str) -> dict[str, Any]:
    text = words.read_file(f"{language}/{name}.toml")
    return dict(_flatten(tomllib.loads(text)))


def _flatten(table: dict[str, Any], prefix: str = "") -> Iterator[tuple[str, Any]]:
    for key, value in table.items():
        if isinstance(value, dict):
            yield from _flatten(value, f"{prefix}{key}.")
        else:
            yield f"{prefix}{key}", value


# ---- the words: the same keys and placeholders as English ------------------------------------


def test_spanish_is_a_language_of_careplan() -> None:
    assert "es" in words.LANGUAGES
    assert words.check_language("es") == "es"


@pytest.mark.parametrize("name", words.files_of("en"))
def test_every_english_key_has_its_spanish_counterpart_and_no_other(name: str) -> None:
    assert name in words.files_of("es")
    english, spanish = _flat("en", name), _flat("es", name)
    assert sorted(set(english) - set(spanish)) == [], "missing in Spanish"
    assert sorted(set(spanish) - set(english)) == [], "not in English"


def _pieces(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list) else [value]


@pytest.mark.parametrize("name", words.files_of("en"))
def test_spanish_keeps_every_placeholder_and_the_shape_of_each_entry(name: str) -> None:
    english, spanish = _flat("en", name), _flat("es", name)
    for key in english.keys() & spanish.keys():
        en, es = _pieces(english[key]), _pieces(spanish[key])
        assert type(english[key]) is type(spanish[key]), key
        if isinstance(english[key], list) and all(isinstance(p, str) for p in en):
            # A list of sentences may be said in more or fewer of them; placeholders stay.
            en_fields = set().union(*map(words.fields_of, en)) if en else set()
            es_fields = set().union(*map(words.fields_of, es)) if es else set()
            assert es_fields == en_fields, key
            continue
        assert len(en) == len(es), key
        for en_piece, es_piece in zip(en, es, strict=True):
            if isinstance(en_piece, str):
                assert words.fields_of(es_piece) == words.fields_of(en_piece), key
            else:
                assert es_piece == en_piece, key  # numbers and flags are not words


def test_dates_read_the_spanish_way() -> None:
    dates = _flat("es", "dates")
    months = dates["months"]
    day = dates["day"].format(weekday=dates["weekdays"][1], day=1, month=months[11], year=2026)
    assert dates["date"].format(day=1, month=months[11], year=2026) == "1 de diciembre de 2026"
    assert day == "martes 1 de diciembre de 2026"


def test_emergency_numbers_are_as_in_english() -> None:
    english, spanish = _flat("en", "triage"), _flat("es", "triage")
    assert english.keys() == spanish.keys()
    for name in ("terminal", "sharing"):
        for key, value in _flat("en", name).items():
            for number in ("999", "911", "112"):
                if number in str(value):
                    assert number in str(_flat("es", name)[key]), key


# ---- easy to read: INFLESZ 65 or more ------------------------------------------------------


def test_the_readability_score_tells_easy_from_hard_spanish() -> None:
    easy = "Camine un poco cada día. Su espalda mejora si se mueve."
    hard = (
        "La administración concomitante de antiinflamatorios no esteroideos incrementa "
        "considerablemente la probabilidad de complicaciones gastrointestinales hemorrágicas."
    )
    assert inflesz(easy) >= MIN_INFLESZ > inflesz(hard)


TRIAGE_REASONS = _flat("es", "triage")


@pytest.mark.parametrize("key", sorted(TRIAGE_REASONS))
def test_each_warning_reason_reads_easily(key: str) -> None:
    assert inflesz(TRIAGE_REASONS[key]) >= MIN_INFLESZ, TRIAGE_REASONS[key]


def _texts_under(name: str, *prefixes: str) -> str:
    found = _flat("es", name)
    parts = [
        piece
        for key, value in found.items()
        if key.startswith(prefixes)
        for piece in _pieces(value)
        if isinstance(piece, str)
    ]
    return " ".join(sentence(p) for p in parts)


@pytest.mark.parametrize(
    ("name", "prefixes"),
    [
        ("stages", ("why.", "move.", "made_worse.")),
        ("stages", ("review.",)),
        ("stages", ("ladder.",)),
        ("stages", ("history.",)),
        ("terminal", ("intro", "now.", "next.", "wrote.", "cancelled.", "resume.")),
        ("terminal", ("how_to_", "none_", "nothing_ticked", "typed.", "review.")),
        ("checkin", ("",)),
        ("sharing", ("log.", "today.")),
    ],
    ids=["stage-moves", "review", "ladder", "history", "screens", "hints", "check-in", "log"],
)
def test_each_part_the_person_reads_reads_easily(name: str, prefixes: tuple[str, ...]) -> None:
    text = _texts_under(name, *prefixes)
    assert inflesz(text) >= MIN_INFLESZ, text


# ---- the fonts print every Spanish letter --------------------------------------------------


@pytest.mark.parametrize("weight", [400, 700])
def test_the_fonts_cover_every_spanish_letter_and_mark(weight: int) -> None:
    faces = [face for face in FONT_FILES if face[2] == weight]
    for char in SPANISH_MARKS:
        holders = [
            file
            for _, file, _, ranges in faces
            if _covered(char, ranges)
            and ord(char) in TTFont(assets_dir() / "fonts" / file).getBestCmap()
        ]
        assert holders, f"no {weight} font prints {char!r}"
