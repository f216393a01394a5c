"""Exercise selection: the programme for a person's phase, adapted to their answers (pure)."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from careplan import messages, rules
from careplan.answers import WHERE, Answers, Pain
from careplan.content import Reader
from careplan.errors import ContentError
from careplan.plan import PHASES, POSITIONS, PlannedExercise, Section, Tier, Withheld, unique
from careplan.words import DEFAULT_LANGUAGE, check_language, fields_of, merged_texts, texts_of

#: Fewest and most exercises in a programme, not counting walking (docs/clinical-basis.md).
FEWEST = 3
MOST = 5
WALKING = "walking"
#: The kinds of exercise; how often each is done comes from exercises.toml's [frequency].
KINDS = ("mobility", "strengthening", "walking")
#: What an exercise can be flagged with; adaptations rule exercises out by these flags.
FLAGS = ("floor", "lies_on_back", "bends_or_twists", "belly_strain")
#: The order a programme is done in: standing, then sitting, then down to the floor once.
POSITION_ORDER = (
    "standing",
    "sitting",
    "all_fours",
    "kneeling",
    "lying_front",
    "lying_side",
    "lying_back",
    "walking",
)
#: Positions that need the person on the floor.
FLOOR_POSITIONS = frozenset({"all_fours", "kneeling", "lying_back", "lying_side", "lying_front"})


@dataclass(frozen=True)
class ExerciseItem:
    """One exercise of the content library, as written in exercises.toml."""

    id: str
    title: str
    position: str
    family: str
    start: str
    steps: tuple[str, ...]
    kind: str
    amount: str
    start_amount: str
    how_often: str
    build_up: str
    phases: tuple[str, ...]
    feel: str
    mistakes: tuple[str, ...]
    stop: str
    why: str
    sources: tuple[str, ...]
    flags: frozenset[str]
    instead: Mapping[str, str]  # flag -> the version shown when that flag is ruled out
    reasons: Mapping[str, str]  # adaptation id -> reason, where it differs from the adaptation's
    dose_synthesis: bool = False
    #: The stop rule as written, its {names} not filled in (`stop` has the usual words).
    stop_rule: str = ""
    #: The start and steps in a sentence or two, for the ladder's compact rows ("" for walking).
    brief: str = ""

    def _dose(self, amount: str) -> str:
        often = f"{amount}, {self.how_often}." if self.how_often else f"{amount}."
        return f"{often} {self.build_up}" if self.build_up else often

    @property
    def dose(self) -> str:
        """The full dose as one sentence: amount, how often, how to build up."""
        return self._dose(self.amount)

    @property
    def start_dose(self) -> str:
        """The dose in the first days and at the `soon` tier, as one sentence."""
        return self._dose(self.start_amount)

    def planned(
        self,
        *,
        starting: bool,
        because: str = "",
        stop: str | None = None,
    ) -> PlannedExercise:
        """This exercise in a plan, with the starting dose or the full one.

        Its card's build-up is its own rule, if it has one (walking, the holds); the usual rule
        is said once, by the section, above the cards."""
        return PlannedExercise(
            id=self.id,
            title=self.title,
            position=self.position,
            dose=self.start_dose if starting else self.dose,
            why=self.why,
            start=self.start,
            steps=self.steps,
            feel=self.feel,
            mistakes=self.mistakes,
            stop=self.stop if stop is None else stop,
            sources=self.sources,
            kind=self.kind,
            amount=self.start_amount if starting else self.amount,
            how_often=self.how_often,
            build_up=self.build_up,
            because=because,
            brief=self.brief,
        )


@dataclass(frozen=True)
class Adaptation:
    """A change to every programme for the people its when-table matches."""

    id: str
    when: rules.When
    reason: str
    version_reason: str
    rules_out: frozenset[str]
    prefers_instead: frozenset[str]
    fill: tuple[str, ...]
    adds: tuple[str, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class StopWords:
    """Other words for a {name} of the exercises' stop rules, for the people its when-table
    matches."""

    when: rules.When
    name: str
    with_: str


@dataclass(frozen=True)
class Note:
    """Words added to the exercise section for the people its when-table matches."""

    id: str
    when: rules.When
    paragraphs: tuple[str, ...]
    cautions: tuple[str, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Programme:
    """The exercises each phase starts from, by priority, for pain in some parts of the back."""

    id: str
    where: tuple[str, ...]
    phases: Mapping[str, tuple[str, ...]]


@dataclass(frozen=True)
class ExerciseLibrary:
    """Everything exercises.toml holds."""

    section: Mapping[str, Any]
    phases: Mapping[str, Mapping[str, str]]
    programmes: tuple[Programme, ...]
    adaptations: tuple[Adaptation, ...]
    notes: tuple[Note, ...]
    exercises: Mapping[str, ExerciseItem]
    stop_words: tuple[StopWords, ...] = ()
    #: The usual words of each {name} in the stop rules.
    stop_usual: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))


@dataclass(frozen=True)
class ExerciseSelection:
    """The exercise part of a plan: phase, exercises in the order done, and what was left out."""

    phase: str | None
    exercises: tuple[PlannedExercise, ...]
    withheld: tuple[Withheld, ...]
    sections: tuple[Section, ...]


_EXERCISE_KEYS = (
    "title",
    "position",
    "family",
    "start",
    "steps",
    "kind",
    "amount",
    "start_amount",
    "build_up",
    "brief",
    "dose_synthesis",
    "phases",
    "feel",
    "mistakes",
    "stop",
    "why",
    "sources",
    "instead",
    "reasons",
    *FLAGS,
)
_SECTION_KEYS = (
    "id",
    "title",
    "why",
    "sources",
    "start_dose",
    "build_up",
    "cautions",
)


_ADAPTATION_KEYS = (
    "when",
    "reason",
    "version_reason",
    "rules_out",
    "prefers_instead",
    "fill",
    "adds",
    "sources",
)
_DOCUMENT_KEYS = (
    "section",
    "phases",
    "programmes",
    "adaptations",
    "notes",
    "exercises",
    "frequency",
    "build_up",
    "stop_words",
    "stop_words_usual",
)


def _words(reader: Reader, table: Mapping[str, Any], key: str, where: str) -> dict[str, str]:
    words: dict[str, str] = {}
    for name, value in reader.table(table, key, where).items():
        if isinstance(value, str):
            words[name] = value
        else:
            reader.problems.append(
                messages.at(f"{where}.{key}.{name}", messages.got("text", value))
            )
    return words


def _exercise(
    reader: Reader,
    ex_id: str,
    table: Mapping[str, Any],
    frequency: Mapping[str, Any],
    build_up: Mapping[str, Any],
    usual: Mapping[str, str],
) -> ExerciseItem:
    where = f"exercises.{ex_id}"
    reader.keys(table, _EXERCISE_KEYS, where)
    kind = reader.text(table, "kind", where)
    if kind not in KINDS:
        reader.problems.append(messages.at(f"{where}.kind", messages.should_be_one_of(KINDS)))
    own_build_up = table.get("build_up", build_up.get(kind, ""))
    stop = reader.text(table, "stop", where)
    # Every exercise but walking can be a row of the next stage on the printed ladder.
    brief = reader.text(table, "brief", where) if kind != "walking" or "brief" in table else ""
    unknown = fields_of(stop) - set(usual)
    if unknown:
        reader.problems.append(
            messages.at(f"{where}.stop", messages.no_usual_stop_words(sorted(unknown)))
        )
    return ExerciseItem(
        id=ex_id,
        title=reader.text(table, "title", where),
        position=reader.text(table, "position", where),
        family=reader.text(table, "family", where),
        start=reader.text(table, "start", where),
        steps=reader.texts(table, "steps", where, required=True),
        kind=kind,
        amount=reader.text(table, "amount", where),
        start_amount=reader.text(table, "start_amount", where),
        how_often=str(frequency.get(kind, "")),
        build_up=str(own_build_up),
        phases=reader.texts(table, "phases", where, required=True),
        feel=reader.text(table, "feel", where) if "feel" in table else "",
        mistakes=reader.texts(table, "mistakes", where),
        stop=stop if unknown else stop.format(**usual),
        stop_rule=stop,
        why=reader.text(table, "why", where),
        sources=reader.texts(table, "sources", where, required=True),
        flags=frozenset(flag for flag in FLAGS if table.get(flag) is True),
        instead=MappingProxyType(_words(reader, table, "instead", where)),
        reasons=MappingProxyType(_words(reader, table, "reasons", where)),
        dose_synthesis=table.get("dose_synthesis") is True,
        brief=brief,
    )


def _adaptation(reader: Reader, key: str, table: Mapping[str, Any]) -> Adaptation:
    where = f"adaptations.{key}"
    reader.keys(table, _ADAPTATION_KEYS, where)
    return Adaptation(
        id=key,
        when=reader.when(table, where),
        reason=reader.text(table, "reason", where) if "reason" in table else "",
        version_reason=(
            reader.text(table, "version_reason", where) if "version_reason" in table else ""
        ),
        rules_out=frozenset(reader.texts(table, "rules_out", where)),
        prefers_instead=frozenset(reader.texts(table, "prefers_instead", where)),
        fill=reader.texts(table, "fill", where),
        adds=reader.texts(table, "adds", where),
        sources=reader.texts(table, "sources", where),
    )


def _note(reader: Reader, key: str, table: Mapping[str, Any]) -> Note:
    where = f"notes.{key}"
    reader.keys(table, ("when", "paragraphs", "cautions", "sources"), where)
    return Note(
        id=key,
        when=reader.when(table, where),
        paragraphs=reader.texts(table, "paragraphs", where),
        cautions=reader.texts(table, "cautions", where),
        sources=reader.texts(table, "sources", where),
    )


def _stop_words(reader: Reader, index: int, table: Mapping[str, Any]) -> StopWords:
    where = f"stop_words[{index}]"
    reader.keys(table, ("id", "when", "name", "with"), where)
    return StopWords(
        when=reader.when(table, where),
        name=reader.text(table, "name", where),
        with_=reader.text(table, "with", where),
    )


def _kinds_table(reader: Reader, doc: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    table = reader.table(doc, key, "")
    reader.keys(table, KINDS, key)
    for kind in KINDS:
        if not isinstance(table.get(kind), str):
            reader.problems.append(messages.at(f"{key}.{kind}", messages.EXPECTED_TEXT))
    return table


def _programme(reader: Reader, key: str, table: Mapping[str, Any]) -> Programme:
    where = f"programmes.{key}"
    reader.keys(table, ("where", *PHASES), where)
    return Programme(
        id=key,
        where=reader.texts(table, "where", where, required=True),
        phases=MappingProxyType(
            {phase: reader.texts(table, phase, where, required=True) for phase in PHASES}
        ),
    )


def _parse(reader: Reader, doc: Mapping[str, Any]) -> ExerciseLibrary:
    reader.keys(doc, _DOCUMENT_KEYS, "")
    frequency = _kinds_table(reader, doc, "frequency")
    build_up = _kinds_table(reader, doc, "build_up")
    section = reader.table(doc, "section", "")
    reader.keys(section, _SECTION_KEYS, "section")
    for key in _SECTION_KEYS:
        if key in ("sources", "cautions"):
            reader.texts(section, key, "section", required=True)
        else:
            reader.text(section, key, "section")
    phases = reader.table(doc, "phases", "")
    for phase in PHASES:
        for key in ("name", "intro"):
            reader.text(reader.table(phases, phase, "phases"), key, f"phases.{phase}")

    usual_table = reader.table(doc, "stop_words_usual", "")
    usual = {name: reader.text(usual_table, name, "stop_words_usual") for name in usual_table}

    def each(key: str) -> list[tuple[str, Mapping[str, Any]]]:
        """The named tables under `key`, e.g. ("walking", {...}) under "exercises"."""
        tables = reader.table(doc, key, "")
        return [(name, reader.table(tables, name, key)) for name in tables]

    return ExerciseLibrary(
        section=MappingProxyType(section),
        phases=MappingProxyType(phases),
        programmes=tuple(_programme(reader, k, t) for k, t in each("programmes")),
        adaptations=tuple(_adaptation(reader, k, t) for k, t in each("adaptations")),
        notes=tuple(_note(reader, k, t) for k, t in each("notes")),
        exercises=MappingProxyType(
            {k: _exercise(reader, k, t, frequency, build_up, usual) for k, t in each("exercises")}
        ),
        stop_words=tuple(
            _stop_words(reader, i, t) for i, t in enumerate(reader.tables(doc, "stop_words", ""))
        ),
        stop_usual=MappingProxyType(usual),
    )


def _circles(item: ExerciseItem, exercises: Mapping[str, ExerciseItem]) -> bool:
    """True when following `instead` from this exercise can come back to it."""
    seen: set[str] = set()
    todo = list(item.instead.values())
    while todo:
        version = todo.pop()
        if version == item.id:
            return True
        if version in exercises and version not in seen:
            seen.add(version)
            todo.extend(exercises[version].instead.values())
    return False


def _check_reason(reader: Reader, reason: str, where: str) -> None:
    # Printed after "because", and followed by ", so your plan has ... instead".
    if reason[:1].isupper() or reason.endswith("."):
        reader.problems.append(messages.at(where, messages.READS_ON_FROM_BECAUSE))


def _check_exercise(reader: Reader, item: ExerciseItem, content: ExerciseLibrary) -> None:
    exercises = content.exercises
    where = f"exercises.{item.id}"
    if item.position not in POSITIONS:
        reader.problems.append(
            messages.at(f"{where}.position", messages.unknown("position", item.position))
        )
    if item.family not in exercises or not item.id.startswith(item.family):
        reader.problems.append(
            messages.at(f"{where}.family", messages.not_its_base_exercise(item.family))
        )
    if not set(item.phases) <= set(PHASES):
        reader.problems.append(messages.at(f"{where}.phases", messages.should_be_some_of(PHASES)))
    # The flags are written out for reviewers; they must agree with the position.
    if ("floor" in item.flags) != (item.position in FLOOR_POSITIONS):
        reader.problems.append(messages.at(where, messages.floor_flag_mismatch(item.position)))
    if ("lies_on_back" in item.flags) != (item.position == "lying_back"):
        reader.problems.append(messages.at(where, messages.LIES_ON_BACK_MISMATCH))
    for flag, version in item.instead.items():
        if flag not in item.flags:
            reader.problems.append(
                messages.at(f"{where}.instead.{flag}", messages.not_flagged(flag))
            )
        if version not in exercises:
            reader.problems.append(
                messages.at(f"{where}.instead.{flag}", messages.unknown("exercise", version))
            )
    if _circles(item, exercises):
        reader.problems.append(messages.at(f"{where}.instead", messages.VERSIONS_LEAD_BACK))
    adaptations = {a.id for a in content.adaptations}
    for adaptation, reason in item.reasons.items():
        if adaptation not in adaptations:
            reader.problems.append(
                messages.at(f"{where}.reasons.{adaptation}", messages.NOT_AN_ADAPTATION)
            )
        _check_reason(reader, reason, f"{where}.reasons.{adaptation}")


def _check(reader: Reader, content: ExerciseLibrary) -> None:
    exercises = content.exercises
    for item in exercises.values():
        _check_exercise(reader, item, content)
    for i, words in enumerate(content.stop_words):
        if words.name not in content.stop_usual:
            reader.problems.append(
                messages.at(f"stop_words[{i}].name", messages.NOT_A_USUAL_STOP_WORD)
            )
    for name in content.stop_usual:
        if not any(name in fields_of(item.stop_rule) for item in exercises.values()):
            reader.problems.append(
                messages.at(f"stop_words_usual.{name}", messages.IN_NO_STOP_RULE)
            )
    if WALKING not in exercises:
        reader.problems.append(messages.at("exercises", messages.is_missing(WALKING)))
    for where in WHERE:
        if not any(where in p.where for p in content.programmes):
            reader.problems.append(messages.at("programmes", messages.no_programme_for(where)))
    for programme in content.programmes:
        for phase, ids in programme.phases.items():
            where = f"programmes.{programme.id}.{phase}"
            if len(ids) > MOST:
                reader.problems.append(messages.at(where, messages.more_than(MOST, "exercises")))
            for ex_id in ids:
                if ex_id not in exercises or phase not in exercises[ex_id].phases:
                    reader.problems.append(messages.at(where, messages.does_not_suit(ex_id)))
    for adaptation in content.adaptations:
        where = f"adaptations.{adaptation.id}"
        for flag in sorted(adaptation.rules_out | adaptation.prefers_instead):
            if flag not in FLAGS:
                reader.problems.append(messages.at(where, messages.unknown("flag", flag)))
        for ex_id in adaptation.fill + adaptation.adds:
            if ex_id not in exercises:
                reader.problems.append(messages.at(where, messages.unknown("exercise", ex_id)))
        if (adaptation.rules_out or adaptation.prefers_instead) and not adaptation.reason:
            reader.problems.append(messages.at(where, messages.NEEDS_A_REASON))
        _check_reason(reader, adaptation.reason, f"{where}.reason")


#: The file of the content library this module reads.
FILE = "exercises.toml"


def parse(text: str, said: str | None = None, language: str = DEFAULT_LANGUAGE) -> ExerciseLibrary:
    """The library from the text of exercises.toml and of its words in `language` (`said`;
    by default the words careplan has); raises ContentError listing every problem."""
    reader = Reader()
    problems: list[str] = []
    words_file = f"{language}/{FILE}"
    texts = {FILE: text, words_file: texts_of((FILE,), language)[words_file]}
    if said is not None:
        texts[words_file] = said
    doc = merged_texts(texts, (FILE,), language, problems)[FILE]
    if problems:
        raise ContentError(problems)
    content = _parse(reader, doc)
    _check(reader, content)
    if reader.problems:
        raise ContentError(messages.at(FILE, p) for p in reader.problems)
    return content


def stop_rule(content: ExerciseLibrary, item: ExerciseItem, answers: Answers) -> str:
    """The exercise's stop rule in the words for this person (e.g. leg pain that spreads)."""
    said = dict(content.stop_usual)
    said.update({w.name: w.with_ for w in content.stop_words if rules.matches(w.when, answers)})
    return item.stop_rule.format(**said)


@functools.cache
def library(language: str = DEFAULT_LANGUAGE) -> ExerciseLibrary:
    """Everything exercises.toml holds, in `language`, checked once and then cached."""
    return parse(texts_of((FILE,), check_language(language))[FILE], language=language)


def catalogue(language: str = DEFAULT_LANGUAGE) -> Mapping[str, ExerciseItem]:
    """Every exercise of the content library, by id, with its words in `language`."""
    return library(language).exercises


def phase_for(pain: Pain, tier: Tier) -> str:
    """The phase of the programme (a starting point: docs/clinical-basis.md); `soon` caps it."""
    days, now = pain.started_days_ago, pain.now
    if days <= 3:
        return "acute"
    if ((days >= 14 and now <= 6) or now <= 3) and tier is not Tier.SOON:
        return "strengthening"
    return "settling"


def _reason(item: ExerciseItem, adaptation: Adaptation) -> str:
    """Why the exercise is left out, printed after "because"."""
    return item.reasons.get(adaptation.id, adaptation.reason)


def _because(item: ExerciseItem, adaptation: Adaptation) -> str:
    """Why a version of the exercise is shown in its place, printed after "because"."""
    return item.reasons.get(adaptation.id) or adaptation.version_reason or adaptation.reason


def _resolve(
    ex_id: str, active: tuple[Adaptation, ...], exercises: Mapping[str, ExerciseItem]
) -> tuple[str | None, str, str]:
    """The exercise shown in place of `ex_id` (itself, a version, or None), why, and the id of
    the adaptation that decided it.

    The why is "" for the exercise itself, the reason it is left out for None, and why this
    version for a version; the adaptation's id is "" for the exercise itself.
    """
    item = exercises[ex_id]
    ruled_out = [(a, f) for a in active for f in sorted(a.rules_out & item.flags)]
    preferred = [(a, f) for a in active for f in sorted(a.prefers_instead & item.flags)]
    for adaptation, flag in ruled_out:
        if flag not in item.instead:
            return None, _reason(item, adaptation), adaptation.id
    for adaptation, flag in ruled_out + preferred:
        if flag in item.instead:
            version, _, _ = _resolve(item.instead[flag], active, exercises)
            if version is not None:
                return version, _because(item, adaptation), adaptation.id
    if ruled_out:
        return None, _reason(item, ruled_out[0][0]), ruled_out[0][0].id
    return ex_id, "", ""


def _section(
    content: ExerciseLibrary,
    answers: Answers,
    tier: Tier,
    phase: str,
    active: tuple[Adaptation, ...],
) -> Section:
    text = content.section
    stage = content.phases[phase]
    notes = [n for n in content.notes if rules.matches(n.when, answers)]
    starting = tier is Tier.SOON or phase == "acute"
    # The ladder that follows says that the plan is a starting point and when to move on, and,
    # in a `soon` plan, that it goes no further than stage 2 until a doctor has seen them.
    # How to build up is said once, here, for every card without a rule of its own. The stage's
    # name is the ladder's, which marks it ("You are here"): here, only what its exercises do.
    paragraphs = [
        stage["intro"],
        text["start_dose"] if starting else text["build_up"],
        *(p for n in notes for p in n.paragraphs),
    ]
    sources = [
        *text["sources"],
        *(s for a in active for s in a.sources),
        *(s for n in notes for s in n.sources),
    ]
    return Section(
        id=text["id"],
        kind="exercise",
        title=text["title"],
        why=text["why"],
        paragraphs=tuple(paragraphs),
        cautions=(*text["cautions"], *(c for n in notes for c in n.cautions)),
        sources=unique(sources),
    )


def select_exercises(
    answers: Answers, tier: Tier, *, phase: str | None = None
) -> ExerciseSelection:
    """The exercise programme for these answers at this tier: none at emergency or urgent.

    `phase` overrides the phase rule (a check-in's stage, or a stage of the printed ladder).
    """
    if answers.pain is None or tier in (Tier.EMERGENCY, Tier.URGENT):
        return ExerciseSelection(phase=None, exercises=(), withheld=(), sections=())
    content = library(answers.words_in)
    exercises = content.exercises
    phase = phase_for(answers.pain, tier) if phase is None else phase
    programme = next(p for p in content.programmes if answers.pain.where in p.where)
    active = tuple(a for a in content.adaptations if rules.matches(a.when, answers))
    wanted = unique([*(i for a in active for i in a.adds), *programme.phases[phase]])[:MOST]

    chosen: list[str] = []
    because: dict[str, str] = {}
    withheld: list[Withheld] = []
    # An exercise replaced by its version is not left out: the version's card says why.
    # Only an exercise with nothing in its place is withheld, with its reason.
    for ex_id in wanted:
        shown, reason, decided_by = _resolve(ex_id, active, exercises)
        if shown is None:
            title = exercises[ex_id].title
            withheld.append(Withheld(id=ex_id, title=title, reason=reason, rule_id=decided_by))
        elif shown not in chosen:
            chosen.append(shown)
            if shown != ex_id:
                because[shown] = reason
    # Left-out exercises leave gaps: fill them with what the adaptations recommend instead.
    for ex_id in (i for a in active for i in a.fill):
        if len(chosen) >= max(len(wanted), FEWEST):
            break
        if phase in exercises[ex_id].phases:
            shown, reason, _ = _resolve(ex_id, active, exercises)
            if shown is not None and shown not in chosen:
                chosen.append(shown)
                if shown != ex_id:
                    because[shown] = reason

    chosen.sort(key=lambda i: POSITION_ORDER.index(exercises[i].position))
    starting = tier is Tier.SOON or phase == "acute"
    planned = tuple(
        exercises[i].planned(
            starting=starting,
            because=because.get(i, ""),
            stop=stop_rule(content, exercises[i], answers),
        )
        for i in [*chosen, WALKING]
    )
    return ExerciseSelection(
        phase=phase,
        exercises=planned,
        withheld=tuple(withheld),
        sections=(_section(content, answers, tier, phase, active),),
    )
