"""The person's words as data: one loader, one folder per language, no English in the code."""

from __future__ import annotations

import dataclasses
import html
import re
from pathlib import Path

import pytest

from careplan import content, words
from careplan.decide.exercises import library as library_of_exercises
from careplan.decide.exercises import select_exercises
from careplan.decide.sharing import clinical_withheld, clinician_section, top_three
from careplan.decide.triage import RULES, reasons_in, signs_in, tier_sections, triage
from careplan.figures.catalogue import figures
from careplan.intake.questions import questions_in
from careplan.plan import Plan, Tier, Triage
from careplan.render.html import get_env, tier_box
from tests.english_in_code import ALLOWED, MESSAGES
from tests.english_scan import is_sentence, sentences, sentences_in
from tests.plan_fixtures import example_plan
from tests.vignettes import person

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "careplan"

# ---- the loader: every problem at once, each with its file and key --------------------------


def test_every_problem_is_reported_at_once_with_file_and_key() -> None:
    text = 'greeting = "Hello {name}"\nextra = "never looked up"\nempty = " "\n'
    said = words.reader_of_text("en", "sample", text)
    said.text("greeting", "name", "day")  # a placeholder missing from the text
    said.text("absent")
    said.text("empty")
    with pytest.raises(words.ContentError) as caught:
        said.finish()
    assert caught.value.problems == (
        "en/sample.toml: greeting: expected {name}, {day}, got 'Hello {name}'",
        "en/sample.toml: absent: missing",
        "en/sample.toml: empty: expected non-empty text, got ' '",
        "en/sample.toml: extra: unknown key",
    )


def test_a_file_that_is_not_toml_or_missing_is_named() -> None:
    broken = words.reader_of_text("en", "sample", 'greeting = "Hello')
    assert broken.problems and broken.problems[0].startswith("en/sample.toml: not valid TOML")
    missing = words.reader_of_text("en", "sample", None)
    assert missing.problems == ["en/sample.toml: missing"]


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(words.ContentError, match="language 'xx': expected one of en"):
        words.reader("xx", "questions")


def test_a_data_file_and_its_words_are_merged_by_id() -> None:
    problems: list[str] = []
    data = {"item": [{"id": "heat", "tiers": ["routine"], "caution": [{"id": "numb"}]}]}
    said = {"heat": {"title": "Heat", "caution": {"numb": {"text": "Take care."}}}}
    merged = words.merge("treatments.toml", "en", data, said, problems)
    assert problems == []
    assert merged["item"][0] == {
        "id": "heat",
        "tiers": ["routine"],
        "title": "Heat",
        "caution": [{"id": "numb", "text": "Take care."}],
    }


def test_every_merge_problem_is_named_with_file_and_key() -> None:
    problems: list[str] = []
    data = {"item": [{"id": "heat", "tiers": ["routine"], "caution": [{"id": "numb"}]}]}
    said = {
        "heat": {"tiers": ["soon"], "caution": {"numb": {"text": "x"}, "nmub": {"text": "y"}}},
        "sauna": {"title": "Sauna"},
    }
    words.merge("treatments.toml", "en", data, said, problems)
    assert problems == [
        "en/treatments.toml: sauna: unknown key (no such id)",
        "en/treatments.toml: heat.tiers: also in treatments.toml (words go in one, data in the "
        "other)",
        "en/treatments.toml: heat.caution.nmub: unknown key (no such id)",
    ]


def test_the_data_files_are_read_by_the_same_loader() -> None:
    problems: list[str] = []
    docs = words.parse_documents({"plan.toml": "[broken"}, ("plan.toml", "absent.toml"), problems)
    assert docs == {"plan.toml": {}, "absent.toml": {}}
    assert problems[0].startswith("plan.toml: not valid TOML")
    assert problems[1] == "absent.toml: missing"
    assert content.ContentError is words.ContentError


@pytest.mark.parametrize("language", words.LANGUAGES)
def test_every_language_has_the_same_files_and_keys_as_english(language: str) -> None:
    assert words.files_of(language) == words.files_of("en")
    for name in words.files_of("en"):
        assert words.keys_of(language, name) == words.keys_of("en", name), name


@pytest.mark.parametrize("language", words.LANGUAGES)
def test_every_word_file_of_a_language_loads(language: str) -> None:
    assert len(questions_in(language)) == len(questions_in("en"))
    assert set(reasons_in(language)) == {rule.id for rule in RULES}
    # The data files with their words in this language, keyed by the same ids.
    assert [i.id for i in content.library(language).items] == [
        i.id for i in content.library("en").items
    ]
    assert set(library_of_exercises(language).exercises) == set(
        library_of_exercises("en").exercises
    )
    assert set(figures(language)) == set(figures("en"))
    for name in words.MERGED:
        assert words.document(name, language)


# ---- decisions never look at words ------------------------------------------------------------


def test_the_triage_keeps_its_rule_ids_beside_the_reasons() -> None:
    result = triage(person(symptoms=("fever",), before="often"))
    assert result.level is Tier.URGENT
    assert result.rule_ids == ("fever", "often")
    assert result.reasons == tuple(reasons_in("en")[i] for i in result.rule_ids)


def test_the_warning_section_finds_lower_tier_rules_by_id_not_by_their_words() -> None:
    answers = person(symptoms=("fever",), before="often")
    english = triage(answers)
    other_words = dataclasses.replace(
        english, reasons=tuple(f"<{rule_id}>" for rule_id in english.rule_ids)
    )
    first, translated = tier_sections(answers, english)[0], tier_sections(answers, other_words)[0]
    assert translated.bullets == ("<fever>",)
    assert len(first.bullets) == 1
    assert translated.tables == first.tables  # the lower tier's "also" row, found by its id


@pytest.mark.parametrize(
    ("language", "symptoms", "signs"),
    [
        (
            "en",
            ("sudden_severe_pain_faint", "saddle_numbness", "bladder_or_bowel_change"),
            (
                "You have new numbness around your genitals, bottom or inner thighs.",
                "You have new trouble passing urine or controlling your bladder or bowels.",
                "You had sudden, severe or tearing pain with feeling faint, sweaty or a racing"
                " heart.",
            ),
        ),
        (
            "en",
            ("chest_pain_or_breathless", "confused_or_drowsy"),
            (
                "You have chest pain or trouble breathing.",
                "You are newly confused or hard to wake.",
            ),
        ),
        (
            "es",
            ("confused_or_drowsy", "saddle_numbness"),
            (
                "Tiene un adormecimiento nuevo en los genitales, las nalgas o el interior de los"
                " muslos.",
                "Está confuso desde hace poco o cuesta despertarle.",
            ),
        ),
    ],
)
def test_the_emergency_box_lists_each_reasons_sign_alone(
    language: str, symptoms: tuple[str, ...], signs: tuple[str, ...]
) -> None:
    answers = person(symptoms=symptoms, language=language)
    section = tier_sections(answers, triage(answers))[0]
    assert section.signs == signs
    # the whole reasons say more than their signs
    assert all(s in " ".join(section.bullets) for s in signs)
    assert len(" ".join(section.bullets)) > len(" ".join(signs))


def test_the_emergency_box_finds_the_signs_by_rule_id_not_by_their_words() -> None:
    answers = person(
        symptoms=("sudden_severe_pain_faint", "saddle_numbness", "leg_weakness_worsening")
    )
    english = triage(answers)
    other_words = dataclasses.replace(
        english, reasons=tuple(f"<{rule_id}>. <more>" for rule_id in english.rule_ids)
    )
    first, translated = tier_sections(answers, english)[0], tier_sections(answers, other_words)[0]
    assert translated.signs == first.signs
    assert first.signs == tuple(
        signs_in("en")[i] for i in ("saddle-numbness", "leg-weakness", "tearing-pain")
    )
    plan = example_plan("emergency")
    section = plan.section("triage")
    assert section is not None and section.signs
    box = tier_box(plan, section)
    assert [group.bullets for group in box.reasons] == [section.signs]


def test_every_emergency_reason_starts_with_its_sign() -> None:
    for language in words.LANGUAGES:
        whole, signs = reasons_in(language), signs_in(language)
        for rule in RULES:
            assert whole[rule.id].startswith(signs[rule.id]), (language, rule.id)
            if rule.tier is Tier.EMERGENCY:
                # the box lists the sign alone: one sentence
                assert signs[rule.id].count(". ") == 0 and signs[rule.id].endswith("."), rule.id


def test_a_reason_given_without_a_rule_id_is_printed_with_the_tier() -> None:
    section = tier_sections(person(), Triage(Tier.SOON, ("A reason from elsewhere.",)))[0]
    assert section.bullets == ("A reason from elsewhere.",)


def test_the_therapist_page_finds_an_exercise_adaptation_by_id_not_by_its_words() -> None:
    answers = person(conditions=("osteoporosis",))
    withheld = select_exercises(answers, Tier.SELF_CARE).withheld
    assert withheld and all(w.rule_id for w in withheld)
    for item in withheld:
        reworded = dataclasses.replace(item, reason="words in another language")
        assert clinical_withheld(answers, reworded) == clinical_withheld(answers, item)
        assert clinical_withheld(answers, item).endswith(": osteoporosis")


def _reworded_actions(plan: Plan) -> Plan:
    """The plan with its warning box's action in other words, sentence by sentence."""
    sections = tuple(
        dataclasses.replace(
            s,
            actions=tuple(f"<action {i}>" for i in range(len(s.actions))),
            paragraphs=(
                " ".join(f"<action {i}>" for i in range(len(s.actions))),
                *s.paragraphs[1:],
            ),
        )
        if s.id == "triage"
        else s
        for s in plan.sections
    )
    return dataclasses.replace(plan, sections=sections)


@pytest.mark.parametrize(
    ("example", "on_page_one", "in_the_box"),
    [
        ("emergency", ("<action 0>", "<action 1>"), ()),
        ("urgent-kidney", ("<action 0>",), ("<action 1>",)),
        ("osteoporosis", ("<action 0>",), ("<action 1>",)),
    ],
)
def test_page_one_takes_the_tiers_first_actions_by_place_not_by_their_words(
    example: str, on_page_one: tuple[str, ...], in_the_box: tuple[str, ...]
) -> None:
    plan = _reworded_actions(example_plan(example))
    today = top_three(plan)
    assert [t for t in today if t.startswith("<action")] == list(on_page_one)
    box = tier_box(plan, plan.section("triage") or plan.sections[0])
    said = " ".join(box.paragraphs)
    assert all(a in said for a in in_the_box)
    assert not any(a in said for a in on_page_one)


def test_the_screen_table_marks_its_yes_cells_by_place_not_by_their_words() -> None:
    answers = example_plan("emergency").answers
    screen = clinician_section(answers, triage(answers), None, (), ()).tables[1]
    assert screen.marked
    reworded = dataclasses.replace(
        screen,
        rows=tuple(
            (label, "sí" if (i, 1) in screen.marked else "no")
            for i, (label, _) in enumerate(screen.rows)
        ),
    )
    html = get_env().get_template("sections/table.html").render(table=reworded)
    assert html.count('<strong class="yes">sí</strong>') == len(screen.marked)
    plain = dataclasses.replace(screen, marked=frozenset())
    assert "<strong" not in get_env().get_template("sections/table.html").render(table=plain)


# ---- no sentence a person reads in the code ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "sentence"),
    [
        ("Not for you: {title}, because {reason}", True),
        ("see a doctor today", True),
        ("Yes", False),
        ("pain.started_days_ago", False),
        ("{first} and {last}", False),
        ("Pain AM", False),
    ],
)
def test_a_sentence_is_three_words_in_a_row(text: str, sentence: bool) -> None:
    assert is_sentence(text) is sentence


def test_docstrings_are_not_counted_but_messages_are() -> None:
    source = '''
"""A module docstring with many words."""
def check(problems: list[str]) -> str:
    """A function docstring with many words."""
    problems.append("the file is not what it should be")
    if not problems:
        raise ValueError("this is a message for a developer")
    return "Take this plan with you"
'''
    assert [text for _, text in sorted(sentences(source))] == [
        "the file is not what it should be",
        "this is a message for a developer",
        "Take this plan with you",
    ]


def test_messages_about_bad_input_are_in_one_module() -> None:
    found = sentences_in(PACKAGE)
    assert len(found[MESSAGES]) > 100  # the one place they may be, and are
    assert MESSAGES not in ALLOWED
    # what is left elsewhere is not a message: the format's descriptions, --help, a developer
    # tool's findings, font names
    assert set(ALLOWED) == {
        "careplan/answers.py",
        "careplan/cli.py",
        "careplan/figures/check.py",
        "careplan/render/html.py",
    }


def test_no_python_file_holds_a_sentence_a_person_reads() -> None:
    cited = set(content.sources())  # source names such as "NHS back pain" are names
    found = {
        path: sorted({text for _, text in hits if text not in cited} - ALLOWED.get(path, set()))
        for path, hits in sentences_in(PACKAGE).items()
        if path != MESSAGES
    }
    added = {path: texts for path, texts in found.items() if texts}
    assert not added, (
        "English in Python: move these words to careplan/content/en/ (or, for a message "
        f"about bad input, to {MESSAGES}): {added}"
    )


def test_the_allow_list_has_no_stale_entries() -> None:
    now = {path: {text for _, text in hits} for path, hits in sentences_in(PACKAGE).items()}
    stale = {path: sorted(texts - now.get(path, set())) for path, texts in ALLOWED.items()}
    assert not {path: texts for path, texts in stale.items() if texts}


# ---- no English in the templates and the stylesheet ------------------------------------------

#: Jinja's expressions, statements and comments; a <style> block; an HTML tag; a word.
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
_STYLE = re.compile(r"<style>(.*?)</style>", re.DOTALL)
_TAG = re.compile(r"<[^>]*>")
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_CSS_CONTENT = re.compile(r"content:\s*([^;}]*)")
_QUOTED = re.compile(r'"([^"]*)"')
_WORD = re.compile(r"[A-Za-z]{2,}")


def template_words(text: str) -> list[str]:
    """The words a template prints as they are, not looked up: its text outside Jinja, tags
    and styles, the values of its attributes, and the strings its styles print."""
    text = _JINJA.sub(" ", text)
    found = [w for style in _STYLE.findall(text) for w in stylesheet_words(style)]
    text = _STYLE.sub(" ", text)
    attributes = [
        value
        for tag in _TAG.findall(text)
        for name, value in re.findall(r'([\w:-]+)="([^"]*)"', tag)
        if name in ("aria-label", "alt", "title", "placeholder")
    ]
    found += _WORD.findall(html.unescape(_TAG.sub(" ", text)))
    return found + [w for value in attributes for w in _WORD.findall(value)]


def stylesheet_words(css: str) -> list[str]:
    """The words in the strings a stylesheet prints (`content: "..."`)."""
    css = _CSS_COMMENT.sub(" ", css)
    return [
        word
        for value in _CSS_CONTENT.findall(css)
        for quoted in _QUOTED.findall(value)
        for word in _WORD.findall(quoted)
    ]


TEMPLATES = sorted(
    p for p in (ROOT / "templates").rglob("*") if p.suffix in (".html", ".svg") and p.is_file()
)


@pytest.mark.parametrize("path", TEMPLATES, ids=[p.name for p in TEMPLATES])
def test_no_template_prints_english_of_its_own(path: Path) -> None:
    assert template_words(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("path", sorted((ROOT / "assets").glob("*.css")), ids=lambda p: p.name)
def test_no_stylesheet_prints_english_of_its_own(path: Path) -> None:
    assert stylesheet_words(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("<p><strong>Take care:</strong> {{ caution }}</p>", ["Take", "care"]),
        ("<p><strong>{{ labels.take_care }}</strong> {{ caution }}</p>", []),
        ('<svg aria-label="Home"><title>{{ labels.icon }}</title></svg>', ["Home"]),
        ("{# a comment in English #}<p>{% if x %}{{ y }}{% endif %}</p>", []),
        ('<style>p::before { content: "Page " counter(page); }</style>', ["Page"]),
        ('<style>p::before { content: "{{ labels.page }}" counter(page); }</style>', []),
    ],
)
def test_the_template_check_finds_english(text: str, found: list[str]) -> None:
    assert template_words(text) == found
