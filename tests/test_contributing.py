"""docs/contributing.md: each "how to add" recipe names the places in careplan/ it takes.

Each recipe says "**N places in `careplan/`**" and lists them, numbered, each item starting
with the file's path. These tests find where every existing exercise id, rule id, answer word
and question already appears in the code and data, and check that it is exactly (or, where the
recipe says that rules may use it too, at least) the places listed: a recipe that forgets a
file, or a file that a new kind of place joins, fails here.
"""

from __future__ import annotations

import functools
import re
import tomllib
from pathlib import Path

import pytest

from careplan import answers, plan, words
from careplan.decide import triage
from careplan.intake.questions import QUESTIONS

ROOT = Path(__file__).resolve().parent.parent
#: The person's words by language (issue 13). The recipes below describe that layout; on a
#: tree without it, the checks of the recipes it changes are skipped, not failed.
LANGUAGE_FOLDER = ROOT / "careplan" / "content" / "en"
needs_language_folder = pytest.mark.skipif(
    not LANGUAGE_FOLDER.is_dir(),
    reason="the recipe describes careplan/content/en/ (the one content library, issue 13)",
)
DOC = ROOT / "docs" / "contributing.md"
CLINICAL = ROOT / "docs" / "clinical-basis.md"
#: Where what careplan does lives: code, data, templates, stylesheet.
SEARCHED = ("careplan", "templates", "assets")
NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}

#: Content files whose `when` tables may use any answer word; and the modules whose rules do.
RULE_PLACES = frozenset(
    {
        "careplan/content/treatments.toml",
        "careplan/content/medicines.toml",
        "careplan/content/prevention.toml",
        "careplan/content/exercises.toml",
        "careplan/content/plan.toml",
        "careplan/content/warnings.toml",
        "careplan/decide/triage.py",
        "careplan/decide/helpnow.py",
        # A rule whose id is also an answer word ("fever") names it with its reason.
        "careplan/content/en/triage.toml",
        # The words of an item's caution, withhold rule or variant, and of a warning sign, are
        # keyed by ids that may be the answer word their `when` table uses ("diabetes").
        "careplan/content/en/treatments.toml",
        "careplan/content/en/medicines.toml",
        "careplan/content/en/prevention.toml",
        "careplan/content/en/exercises.toml",
        "careplan/content/en/warnings.toml",
    }
)
#: Uses of one particular word or rule that a new one does not need, and why.
PARTICULAR = {
    ("saddle_numbness", "careplan/render/warm.py"): "the warm-up renders a sample plan with it",
    ("pregnancy_warning", "careplan/intake/checkin.py"): "a check-in's emergency plan names it",
    ("stopped-early", "careplan/intake/checkin.py"): "a check-in stopped at an emergency sign",
    ("osteoporosis", "careplan/content/sources.toml"): "a source's title names it",
    (
        "pregnancy_warning",
        "careplan/decide/sharing.py",
    ): "the therapist's page words it with the weeks",
}


# ---- reading the recipes -------------------------------------------------------------------


def section(heading: str) -> str:
    """The text under a heading of contributing.md, up to the next heading of its level or above."""
    text = DOC.read_text(encoding="utf-8")
    match = re.search(rf"^(#+) {re.escape(heading)}\s*$", text, re.MULTILINE)
    assert match, f"{DOC.name}: no heading {heading!r}"
    level = len(match.group(1))
    rest = text[match.end() :]
    end = re.search(rf"^#{{1,{level}}} ", rest, re.MULTILINE)
    return rest[: end.start()] if end else rest


def listed_places(heading: str) -> tuple[int, set[str]]:
    """The count a recipe claims ("**3 places in `careplan/`**") and the files it numbers."""
    text = section(heading)
    claim = re.search(r"\*\*(\w+) places? in `careplan/`\*\*", text)
    assert claim, f"{heading}: no '**N places in `careplan/`**'"
    word = claim.group(1).lower()
    count = int(word) if word.isdigit() else NUMBERS[word]
    items = re.findall(r"^\d+\. `((?:careplan|templates|assets)/[^`]+)`", text, re.MULTILINE)
    assert len(items) == len(set(items)), f"{heading}: a file numbered twice: {items}"
    return count, set(items)


# ---- where things are today ----------------------------------------------------------------


@functools.cache
def _texts() -> dict[str, str]:
    found = {}
    for folder in SEARCHED:
        for path in sorted((ROOT / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                try:
                    found[path.relative_to(ROOT).as_posix()] = path.read_text(encoding="utf-8")
                except UnicodeDecodeError:
                    continue  # fonts
    return found


def whole(token: str) -> re.Pattern[str]:
    """`token` as a whole id or word, not inside a longer one."""
    return re.compile(rf"(?<![\w-]){re.escape(token)}(?![\w-])")


def places(token: str) -> set[str]:
    """The files that hold `token` as a whole id or word.

    Another language's file counts as its English one: the recipes name the English file, and
    say that every language has the same keys (tests/test_words.py checks that).
    """
    pattern = whole(token)
    return {_as_english(name) for name, text in _texts().items() if pattern.search(text)}


def _as_english(name: str) -> str:
    folder, _, rest = name.removeprefix("careplan/content/").partition("/")
    if name.startswith("careplan/content/") and folder in words.LANGUAGES and rest:
        return f"careplan/content/en/{rest}"
    return name


def _exercise_ids() -> list[str]:
    data = tomllib.loads((ROOT / "careplan/content/exercises.toml").read_text(encoding="utf-8"))
    # "walking" is also the name of a position and a kind of exercise, used all over the code.
    return [ex_id for ex_id in data["exercises"] if ex_id not in plan.POSITIONS]


#: Rule ids of more than one word: "fever", "often" and "sciatica" are also answer words or
#: plain English, so where they appear says nothing about the rule.
RULES = [rule for rule in triage.RULES if "-" in rule.id]


# ---- the checks ----------------------------------------------------------------------------

RECIPES = [
    pytest.param("An exercise", id="exercise"),
    pytest.param(
        "A new rule on answers careplan already asks", id="rule", marks=needs_language_folder
    ),
    pytest.param(
        "A new symptom the person is asked about", id="symptom", marks=needs_language_folder
    ),
    pytest.param("A new condition or medicine word", id="condition", marks=needs_language_folder),
    pytest.param("A question", id="question", marks=needs_language_folder),
    pytest.param("A language", id="language", marks=needs_language_folder),
]


@pytest.mark.parametrize("heading", RECIPES)
def test_recipe_numbers_as_many_places_as_it_says(heading: str) -> None:
    count, listed = listed_places(heading)
    assert len(listed) == count, f"{heading}: says {count} places, numbers {sorted(listed)}"
    for name in listed:
        # A folder to make (`careplan/content/<code>/`) is checked by the one it copies.
        assert (ROOT / name.replace("<code>", "en")).exists(), f"{heading}: {name} does not exist"


@pytest.mark.parametrize("ex_id", _exercise_ids())
def test_an_exercise_is_in_exactly_the_places_listed(ex_id: str) -> None:
    _, listed = listed_places("An exercise")
    assert places(ex_id) == listed


@needs_language_folder
@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.id)
def test_a_rule_is_in_exactly_the_places_listed(rule: triage.Rule) -> None:
    _, listed = listed_places("A new rule on answers careplan already asks")
    if rule.tier is plan.Tier.EMERGENCY:
        # "(2 for an emergency rule)": no words under [also] in warnings.toml.
        listed.discard("careplan/content/en/warnings.toml")
    found = {name for name in places(rule.id) if (rule.id, name) not in PARTICULAR}
    assert found == listed


@pytest.mark.parametrize("rule", triage.RULES, ids=lambda rule: rule.id)
def test_every_rule_is_in_the_clinical_basis(rule: triage.Rule) -> None:
    assert f"`{rule.id}`" in CLINICAL.read_text(encoding="utf-8")


def _check_word(word: str, heading: str) -> None:
    _, listed = listed_places(heading)
    found = {name for name in places(word) if (word, name) not in PARTICULAR}
    assert listed <= found, f"{word}: not in {sorted(listed - found)}"
    # Anywhere else, only as a rule that uses it.
    extra = found - listed - RULE_PLACES
    assert not extra, f"{word}: also in {sorted(extra)}"


@needs_language_folder
@pytest.mark.parametrize("word", answers.SYMPTOMS)
def test_a_symptom_is_in_the_places_listed(word: str) -> None:
    _check_word(word, "A new symptom the person is asked about")


@needs_language_folder
@pytest.mark.parametrize("word", (*answers.CONDITIONS, *answers.MEDICINES))
def test_a_condition_or_medicine_is_in_the_places_listed(word: str) -> None:
    _check_word(word, "A new condition or medicine word")


#: Questions that have no row in the therapist's summary: how the plan is printed.
PRINT_SETTINGS = ("paper", "large_print")
#: Where a question is not found by its field's name, and why.
NOT_BY_NAME = {
    # Labels of the summary's rows have short keys of their own ("alcohol", "floor").
    "careplan/content/en/sharing.toml": "all",
    # `symptoms` is asked as two questions, `warning_signs` and `symptoms_now`.
    "careplan/content/en/questions.toml": "symptoms",
}


@needs_language_folder
@pytest.mark.parametrize("key", sorted({q.key for q in QUESTIONS}))
def test_a_question_is_in_the_places_listed(key: str) -> None:
    _, listed = listed_places("A question")
    if key in PRINT_SETTINGS:
        listed = {name for name in listed if "sharing" not in name}
    listed = {name for name in listed if NOT_BY_NAME.get(name) not in ("all", key)}
    assert listed <= places(key.rsplit(".", 1)[-1])


@needs_language_folder
def test_a_language_is_a_folder_and_its_code() -> None:
    from careplan import words  # the one loader of issue 13

    _, listed = listed_places("A language")
    assert listed == {"careplan/content/<code>/", "careplan/words.py"}
    folders = {p.name for p in (ROOT / "careplan" / "content").iterdir() if p.is_dir()}
    folders.discard("__pycache__")
    assert set(words.LANGUAGES) == folders
    english = {p.name for p in LANGUAGE_FOLDER.glob("*.toml")}
    for language in words.LANGUAGES:
        found = {p.name for p in (ROOT / "careplan" / "content" / language).glob("*.toml")}
        assert found == english, language
    # The recipe names every file to translate; and no other module names a language.
    recipe = section("A language")
    assert all(f"`{name}`" in recipe for name in english), sorted(english)
    assert {name for name in places('"en"') if name.endswith(".py")} <= {"careplan/words.py"}


def test_the_place_finder_tells_ids_apart() -> None:
    # A version's id must not count as its base exercise's, nor a word inside a longer one.
    assert not whole("knee-to-chest").search('"knee-to-chest-seated", "no-knee-to-chest"')
    assert not whole("fever").search("no_fever")
    assert whole("knee-to-chest").search('instead = "knee-to-chest",')
    assert places("no-such-id-anywhere") == set()
    assert "careplan/figures/expect.toml" in places("side-lying-clam")
