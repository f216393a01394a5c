"""The plan in Spanish: the same words as English, easy to read, and the same decisions."""

from __future__ import annotations

import dataclasses
import functools
import io
import re
import subprocess
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pexpect
import pytest
from fontTools.ttLib import TTFont
from hypothesis import given, settings
from pypdf import PdfReader
from textstat.textstat import textstatistics

from careplan import content, words
from careplan.answers import Answers
from careplan.decide.select import make_plan
from careplan.decide.triage import reason_parts
from careplan.intake.questions import questions_in
from careplan.plan import Plan, date_words
from careplan.render.html import FONT_FILES, _covered, labels
from careplan.render.resources import assets_dir
from tests.conftest import EXAMPLES
from tests.intake.test_questions import CTRL_C, ENTER, NONE, PLAIN_KEYS
from tests.intake.test_terminal import CAREPLAN, TIMEOUT, answer, environment, finish
from tests.pdfutil import attachments
from tests.plan_fixtures import CREATED, EXAMPLE_NAMES, example_doc, plan_from
from tests.renders import laid_out, rendered
from tests.strategies import valid_answers
from tests.test_handout import (
    THIN_LAST_PAGE,
    _marked,
    budget_failures,
    ends_on_a_few_lines,
    measure_document,
)

#: The bundled example of a Spanish plan.
SPANISH_EXAMPLE = EXAMPLES / "standing-work-es.json"
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


@pytest.mark.parametrize(
    ("typed", "spanish"),
    [
        ("Ana\x07", "carácter de control (U+0007) en el carácter 4"),
        ("Ana\u202e", "formato invisible (U+202E) en el carácter 4"),
        ("a" + "\u0301" * 5, "más de 4 acentos en una letra (en el carácter 6)"),
    ],
)
def test_typed_text_refused_at_a_spanish_prompt_says_why_in_spanish(
    typed: str, spanish: str
) -> None:
    """The questionnaire's own check of a name or goal: its reason in the prompt's language
    (a file's problems stay in English, for developers and clinics)."""
    from careplan.answers import text_problem
    from careplan.intake import terminal_words

    problem = text_problem(typed, "es")
    assert problem is not None and spanish in problem
    assert "character" in (text_problem(typed) or "")
    terminal_words.use("es")
    try:
        from careplan.intake.questions import text_error

        question = next(q for q in questions_in("es") if q.key == "name")
        error = text_error(question, typed)
        assert error is not None and spanish in error
    finally:
        terminal_words.use("en")


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("en", "careplan is for adults, and you told us you are 15."),
        ("es", "careplan es para adultos, y usted nos dijo que tiene 15 años."),
    ],
)
def test_someone_under_18_is_told_in_the_questionnaires_language(language: str, said: str) -> None:
    from careplan.errors import NotForChildrenError
    from careplan.intake import terminal_words
    from tests.intake.test_questions import ENTER, PLAIN_KEYS, ask_all

    terminal_words.use(language)
    try:
        with pytest.raises(NotForChildrenError) as refused:
            ask_all({**PLAIN_KEYS, "age": ["15" + ENTER]})
    finally:
        terminal_words.use("en")
    assert refused.value.lines[0].startswith(said), refused.value.lines
    assert len(refused.value.lines) == 1


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


#: Each warning rule's reason as a person reads it alone: its own words, then its closing.
TRIAGE_REASONS = {
    rule_id: f"{own} {closing}".strip() for rule_id, (own, closing) in reason_parts("es").items()
}


@pytest.mark.parametrize("rule_id", sorted(TRIAGE_REASONS))
def test_each_warning_reason_reads_easily(rule_id: str) -> None:
    assert inflesz(TRIAGE_REASONS[rule_id]) >= MIN_INFLESZ, TRIAGE_REASONS[rule_id]


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


def test_each_exercise_brief_reads_easily() -> None:
    """The printed ladder's rows say the next stage's exercises in brief: each reads easily."""
    from careplan.decide.exercises import catalogue

    briefs = {key: item.brief for key, item in catalogue("es").items() if item.brief}
    assert len(briefs) == len(catalogue("es")) - 1  # all but walking
    hard = {key: brief for key, brief in briefs.items() if inflesz(brief) < MIN_INFLESZ}
    assert hard == {}


SPANISH_LIBRARY = content.library("es")


def item_text(item: content.Item) -> str:
    """Everything a person may read of an item, titles aside (as tests/test_content.py)."""
    parts = [*item.paragraphs, *item.bullets, *(rule.text for rule in item.cautions)]
    parts += [f"No es para usted porque {rule.text}" for rule in item.withhold]
    for variant in item.variants:
        parts += [*(variant.paragraphs or ()), *(variant.bullets or ())]
    for part in item.parts:
        parts += [*part.paragraphs, *part.bullets]
    return " ".join(sentence(part) for part in parts)


@pytest.mark.parametrize("item", SPANISH_LIBRARY.items, ids=[i.id for i in SPANISH_LIBRARY.items])
def test_each_treatment_medicine_and_topic_reads_easily(item: content.Item) -> None:
    assert inflesz(item_text(item)) >= MIN_INFLESZ


@pytest.mark.parametrize("frame_id", sorted(SPANISH_LIBRARY.frames))
def test_the_plans_own_sections_read_easily(frame_id: str) -> None:
    frame = SPANISH_LIBRARY.frames[frame_id]
    text = " ".join(sentence(p) for p in [*frame.paragraphs, *(s.text for s in frame.slots)])
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


# ---- the questionnaire in Spanish, in a real terminal --------------------------------------

SPANISH_KEYS = {
    **PLAIN_KEYS,
    "can_get_down_to_floor": ["s"],  # "sí": the Spanish yes
    "goal": ["Cargar a mi hija" + ENTER],
    "name": ["Lucía" + ENTER],
}


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """A working folder and a data folder of the test's own."""
    (tmp_path / "work").mkdir()
    return tmp_path


def spawn(home: Path, args: list[str], language: str = "C.UTF-8") -> pexpect.spawn:
    """careplan in a pseudo-terminal, in the locale `language`."""
    assert CAREPLAN is not None
    return pexpect.spawn(
        CAREPLAN,
        args,
        cwd=str(home / "work"),
        env={**environment(home), "LC_ALL": language},
        encoding="utf-8",
        timeout=TIMEOUT,
        dimensions=(40, 220),
    )


def spanish_script() -> list[tuple[str, str]]:
    """(question text, keys) in the order the Spanish questionnaire asks them."""
    said = words.reader("es", "terminal")
    steps = []
    used: dict[str, int] = {}
    for question in questions_in("es"):
        if question.ask_if is not None and question.key not in SPANISH_KEYS:
            continue
        turn = used.get(question.key, 0)
        used[question.key] = turn + 1
        steps.append((question.message, SPANISH_KEYS[question.key][turn]))
    steps.append((said.text("review.question"), SPANISH_KEYS["review"][0]))
    return steps


def test_the_questionnaire_asks_in_spanish_to_the_end(home: Path) -> None:
    assert CAREPLAN is not None
    said = words.reader("es", "terminal")
    child = spawn(home, ["--language", "es", "-o", "plan.pdf"])
    child.expect_exact(said.texts("intro", "count", "path")[0])
    steps = spanish_script()
    answer(child, steps[:1])
    child.expect_exact(said.text("counter", "number", "total").format(number=2, total=""))
    answer(child, steps[1:])
    plan_file = home / "work" / "plan.pdf"
    child.expect_exact(said.text("wrote.file", "path").format(path=plan_file))
    child.expect_exact(said.text("next.self_care"))
    assert finish(child) == 0
    answers_json = attachments(plan_file)["answers.json"]
    assert answers_json["language"] == "es"
    assert answers_json["can_get_down_to_floor"] is True
    assert answers_json["name"] == "Lucía" and answers_json["goal"] == "Cargar a mi hija"
    assert attachments(plan_file)["plan.json"]["language"] == "es"


def test_ctrl_c_says_so_in_spanish(home: Path) -> None:
    assert CAREPLAN is not None
    said = words.reader("es", "terminal")
    child = spawn(home, ["-o", "plan.pdf"], language="es_MX.UTF-8")
    steps = spanish_script()
    answer(child, [*steps[:2], (steps[2][0], CTRL_C)])
    child.expect_exact(said.text("cancelled.said"))
    child.expect_exact(said.text("cancelled.saved_many", "count").format(count=2))
    assert finish(child) == 130


# ---- every example as a Spanish plan -------------------------------------------------------

#: The parts of the plan that are the clinician's, in the clinician's language.
CLINICIAN_KINDS = ("clinician", "log", "sources")


@functools.cache
def spanish_plan(name: str, clinician_language: str | None = None) -> Plan:
    """The example's plan with its language set to Spanish (its own words kept)."""
    doc = example_doc(name)
    doc["language"] = "es"
    if clinician_language is not None:
        doc["clinician_language"] = clinician_language
    return plan_from(doc)


@functools.cache
def english_plan(name: str) -> Plan:
    doc = example_doc(name)
    doc["language"] = "en"
    return plan_from(doc)


def person_texts(plan: Plan) -> Iterator[tuple[str, str]]:
    """(section id, everything the person reads in it) for each section of the person's part."""
    for section in plan.sections:
        if section.kind in CLINICIAN_KINDS:
            continue
        parts = [section.why, *section.paragraphs, *section.bullets, *section.cautions]
        parts += [cell for table in section.tables for row in table.rows for cell in row if cell]
        if section.id == "exercises":
            for exercise in plan.exercises:
                parts += [exercise.start, *exercise.steps, *exercise.mistakes, exercise.stop]
        yield section.id, " ".join(sentence(p) for p in parts if p.strip())


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_every_section_of_a_spanish_plan_reads_easily(name: str) -> None:
    plan = spanish_plan(name)
    hard = {
        section_id: round(inflesz(text))
        for section_id, text in person_texts(plan)
        if text and inflesz(text) < MIN_INFLESZ
    }
    assert hard == {}


def decisions(record: dict[str, Any]) -> dict[str, Any]:
    """What `plan.json` decided, without its words: tier, phase and every id."""
    return {
        "tier": record["triage"]["level"],
        "phase": record["phase"],
        "sections": [s["id"] for s in record["sections"]],
        "exercises": [e["id"] for e in record["exercises"]],
        "withheld": [w["id"] for w in record["withheld"]],
        "review_on": record.get("review_on"),
    }


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_each_example_decides_the_same_in_spanish(name: str) -> None:
    english, spanish = english_plan(name).to_record(), spanish_plan(name).to_record()
    assert (english["language"], spanish["language"]) == ("en", "es")
    assert decisions(spanish) == decisions(english)
    assert (
        spanish["triage"]["reasons"] != english["triage"]["reasons"]
        or not english["triage"]["reasons"]
    )


@settings(max_examples=40)
@given(valid_answers())
def test_decisions_never_depend_on_the_language(answers: Answers) -> None:
    records = [
        make_plan(
            dataclasses.replace(answers, language=language), created=CREATED, generator="test"
        ).to_record()
        for language in ("en", "es")
    ]
    assert decisions(records[1]) == decisions(records[0])


# ---- the Spanish PDF: nothing English left, and the page budgets hold -----------------------

#: Common English words that are not also Spanish words: none may be left in a Spanish plan.
ENGLISH_WORDS = frozenset(
    """
    the and your you with for this that what when where which who why how not are is was
    were will would can could should may might must have has had been being do does did done
    get got take stop see help now today tomorrow day days week weeks page pages back pain
    painful exercise exercises each every more less than then they them their there these
    those from into out off over under about after before again also only just some any
    all both other such very much many most few first next last times time walk walking keep
    moving heat cold warm bath shower bed sleep lie lying sit sitting stand standing knees
    knee legs leg arms hands feet chest belly hips doctor's doctors nurse pharmacist gp
    physical therapist appointment emergency urgent routine soon self-care warning signs sign
    tablets medicine medicines relief anti-inflammatory paracetamol's ibuprofen
    acetaminophen muscle muscles spasm stage stages settling stronger gentle gently
    slowly hold breathe tighten relax repeat side sides floor chair wall morning midday
    evening yes none note notes name goal dose new old left right up down
    """.split()  # noqa: SIM905 (a list to read, not to format)
)


def spanish_text_without_names(plan: Plan, text: str) -> str:
    """The PDF's text less what may stay English: the person's own words and the sources'
    names and titles."""
    # A title broken over two lines reads back as "non- specific".
    text = text.replace("- ", "-")
    for own in (plan.answers.name, plan.answers.goal):
        if own:
            text = text.replace(" ".join(own.split()), " ")
    # Longest first: a short name may be part of a title ("NHS back pain").
    names = [n for s in content.sources().values() for n in (s.title, s.short)]
    for name in sorted(names, key=len, reverse=True):
        text = text.replace(" ".join(name.split()).replace("- ", "-"), " ")
    return text


def english_words_in(text: str) -> list[str]:
    """The common English words of a text, each once, in order."""
    found = re.findall(r"[A-Za-z][A-Za-z'-]*", text)
    return list(dict.fromkeys(w for w in found if w.lower() in ENGLISH_WORDS))


def test_the_english_scan_finds_english() -> None:
    assert english_words_in("Camine cada día. Stop if your pain gets worse.") == [
        "Stop",
        "your",
        "pain",
    ]
    assert english_words_in("Su plan: pida cita con un médico hoy, por favor.") == []


def pdf_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_nothing_english_is_left_in_a_spanish_pdf(name: str) -> None:
    plan = spanish_plan(name)
    text = spanish_text_without_names(plan, pdf_text(rendered(plan).pdf))
    assert english_words_in(text) == []
    reader = PdfReader(io.BytesIO(rendered(plan).pdf))
    assert reader.trailer["/Root"].get("/Lang") == "es"


@functools.cache
def spanish_on(name: str, paper: str, large_print: bool) -> Plan:
    """The example's plan in Spanish, on `paper`, in large print or not (its own words kept).
    On the example's own paper and print size, the same plan as `spanish_plan(name)`: one
    layout for both (tests/renders.py)."""
    doc = example_doc(name)
    doc["language"], doc["paper"], doc["large_print"] = "es", paper, large_print
    return plan_from(doc)


#: The Spanish plans that still miss a page budget, as measured (1 December 2026): none. The
#: large-print ones that missed (pregnant, osteoporosis, no-floor-80) fit laid out again with
#: their lines and paragraphs a little closer. Not strict: an XPASS says one now fits.
SPANISH_OVER_BUDGET: dict[tuple[str, str, bool], str] = {}


@pytest.mark.parametrize(("name", "paper", "large_print"), _marked(SPANISH_OVER_BUDGET))
def test_spanish_plans_keep_the_page_budgets(name: str, paper: str, large_print: bool) -> None:
    """Every example in Spanish, on both papers and in both print sizes, keeps the English
    plan's page budgets (tests/test_handout.py): Spanish runs about a fifth longer. Nor does
    the person's part end on a page of a few lines (first-spasm on Letter did)."""
    plan = spanish_on(name, paper, large_print)
    result = measure_document(laid_out(plan))
    assert result.clinician <= 3
    assert result.split == []
    assert budget_failures(plan, result) == []
    if (name, paper, large_print) not in THIN_LAST_PAGE:
        assert not ends_on_a_few_lines(result), result.last_filled


def test_an_english_clinicians_part_in_a_spanish_plan() -> None:
    plan = spanish_plan("first-spasm", clinician_language="en")
    person = [s for s in plan.sections if s.kind not in CLINICIAN_KINDS]
    clinician = [s for s in plan.sections if s.kind in CLINICIAN_KINDS]
    assert english_words_in(" ".join(s.title + " " + " ".join(s.paragraphs) for s in person)) == []
    english = {s.id: s for s in english_plan("first-spasm").sections}
    assert clinician
    for section in clinician:
        assert section == english[section.id]
    assert decisions(plan.to_record()) == decisions(english_plan("first-spasm").to_record())


# ---- the clinician's part in the clinician's language, page furniture too ------------------


@functools.cache
def plan_in(name: str, language: str, clinician_language: str) -> Plan:
    """The example's plan in `language`, its clinician's part in `clinician_language`."""
    doc = example_doc(name)
    doc["language"], doc["clinician_language"] = language, clinician_language
    return plan_from(doc)


def page_furniture(plan: Plan, language: str, number: int, pages: int) -> list[str]:
    """What a page prints around its text in `language`: the running head (not on page 1,
    the cover) and the page number's words."""
    said = labels(language)
    head = [said["kicker"], said["made"].format(date=date_words(plan.created, language))]
    page_number = f"{said['page_before']}{number}{said['page_between']}{pages}"
    return [*(head if number > 1 else []), page_number]


def top_tags_by_page(reader: PdfReader) -> list[tuple[int, Any]]:
    """(page index, language) of each element at the top of the PDF's tag tree."""
    pages = {page.indirect_reference.idnum: i for i, page in enumerate(reader.pages)}
    (top,) = reader.trailer["/Root"]["/StructTreeRoot"]["/K"]
    return [
        (pages[element.raw_get("/Pg").idnum], element.get("/Lang"))
        for element in (kid.get_object() for kid in top.get_object()["/K"])
    ]


@pytest.mark.parametrize(("language", "clinician_language"), [("es", "en"), ("en", "es")])
def test_the_clinicians_pages_are_in_the_clinicians_language_head_and_page_numbers_too(
    language: str, clinician_language: str
) -> None:
    plan = plan_in("first-spasm", language, clinician_language)
    reader = PdfReader(io.BytesIO(rendered(plan).pdf))
    start = reader.get_destination_page_number(reader.named_destinations["part-clinician"])
    pages = len(reader.pages)
    assert 1 <= start < pages
    for index, page in enumerate(reader.pages):
        text = " ".join((page.extract_text() or "").split())
        own, other = (language, clinician_language)
        if index >= start:
            own, other = other, own
        number = index + 1
        assert [w for w in page_furniture(plan, own, number, pages) if w not in text] == [], number
        assert [w for w in page_furniture(plan, other, number, pages) if w in text] == [], number
    # A screen reader reads the clinician's pages in the clinician's language.
    assert reader.trailer["/Root"]["/Lang"] == language
    tags = top_tags_by_page(reader)
    assert {index for index, _ in tags} == set(range(pages))
    wrong = [(i, lang) for i, lang in tags if lang != (clinician_language if i >= start else None)]
    assert wrong == []


def test_the_check_in_of_a_spanish_plan_asks_in_spanish(home: Path) -> None:
    assert CAREPLAN is not None
    subprocess.run(
        [CAREPLAN, "--answers", str(SPANISH_EXAMPLE), "-o", "p0.pdf"],
        cwd=home / "work",
        env=environment(home),
        check=True,
        capture_output=True,
        timeout=TIMEOUT * 2,
    )
    asked = {q.key: q.message for q in questions_in("es")}
    screen = [q.message for q in questions_in("es") if q.key in ("symptoms", "pain.leg")]
    checkin = words.reader("es", "checkin")
    steps = [
        (checkin.text("heading"), ""),
        (screen[0], NONE),
        (screen[1], ENTER),
        (screen[2], NONE),
        (asked["pain.now"], "3" + ENTER),
        (asked["pain.worst"], "5" + ENTER),
        ("Su meta: «", "6" + ENTER),
        (checkin.text("days_done.message"), "5" + ENTER),
        (checkin.text("made_worse.message"), NONE),
    ]
    child = spawn(home, ["--check-in", "p0.pdf", "-o", "p1.pdf"])
    answer(child, steps)
    said = words.reader("es", "terminal")
    child.expect_exact(said.text("wrote.file", "path").format(path=home / "work" / "p1.pdf"))
    assert finish(child) == 0
    answers_json = attachments(home / "work" / "p1.pdf")["answers.json"]
    assert answers_json["language"] == "es"
    assert answers_json["check_ins"][0]["days_done"] == 5
