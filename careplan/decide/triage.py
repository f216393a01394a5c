"""Warning signs to tier and reasons, and the warning sections at the top of every plan."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from careplan import messages, rules, words
from careplan.answers import Answers, Pain
from careplan.plan import ReasonGroup, Section, Table, Tier, Triage, unique

#: An episode is "new" when it started less than 6 weeks ago (synthesis).
NEW_DAYS = 42
#: From this many days on, the clinician is told about inflammatory back pain.
INFLAMMATORY_DAYS = 90
#: Still this strong (or stopping everyday things this much) after a week: see a GP within a
#: few days (NICE NG59).
SEVERE_AFTER_DAYS = 7
SEVERE_PAIN = 8
#: Still this strong after about 2 weeks: see a GP or physical therapist (NHS back pain).
NOT_BETTER_DAYS = 14
NOT_BETTER_PAIN = 4
#: Pain for this long, however strong: see a GP or physical therapist (NHS back pain).
LASTING_DAYS = 42

Check = Callable[[Answers], bool]


def _has(*words: str) -> Check:
    return lambda a: any(a.has(word) for word in words)


def _age_over(years: int) -> Check:
    return lambda a: a.age > years


def _pain(test: Callable[[Pain], bool]) -> Check:
    # Stopped-early answers have no pain: a rule that needs it is simply not reached.
    return lambda a: a.pain is not None and test(a.pain)


def _any(*checks: Check) -> Check:
    return lambda a: any(check(a) for check in checks)


def _all(*checks: Check) -> Check:
    return lambda a: all(check(a) for check in checks)


def _new(p: Pain) -> bool:
    return p.started_days_ago < NEW_DAYS


_MID_OR_UPPER = ("middle", "upper")
_WEAK_BONES = _has("osteoporosis", "steroid_tablets")


@dataclass(frozen=True)
class Rule:
    """One item of the clinical reference's triage table: when it applies, and its tier.

    Its reason, printed for the person, is in careplan/content/<language>/triage.toml under
    the rule's id.
    """

    id: str
    tier: Tier
    applies: Check
    sources: tuple[str, ...]
    #: Ids of more urgent rules that already say this ("any other case" in the reference).
    unless: tuple[str, ...] = ()

    def reason_in(self, language: str) -> str:
        """Why this rule sends the person to a doctor, in plain words in `language`."""
        return reasons_in(language)[self.id]

    @property
    def reason(self) -> str:
        """The reason in English: for tests and tools; a plan uses its own language's."""
        return self.reason_in(words.DEFAULT_LANGUAGE)


_CAUDA = ("NICE NG59", "NHS back pain")
_KIDNEY = ("NHS kidney infection",)
_FRACTURE = ("Cochrane fracture flags",)

# The order within a tier is the order reasons are printed in.
RULES: tuple[Rule, ...] = (
    # emergency
    Rule(
        "saddle-numbness",
        Tier.EMERGENCY,
        _has("saddle_numbness"),
        _CAUDA,
    ),
    Rule(
        "bladder-or-bowel",
        Tier.EMERGENCY,
        _has("bladder_or_bowel_change"),
        _CAUDA,
    ),
    Rule(
        "sexual-function",
        Tier.EMERGENCY,
        _has("sexual_function_change"),
        _CAUDA,
    ),
    Rule(
        "numb-both-legs",
        Tier.EMERGENCY,
        _has("numbness_both_legs"),
        _CAUDA,
    ),
    Rule(
        "pain-both-legs",
        Tier.EMERGENCY,
        _pain(lambda p: p.leg == "both_legs"),
        _CAUDA,
    ),
    Rule(
        "leg-weakness",
        Tier.EMERGENCY,
        _has("leg_weakness_worsening"),
        _CAUDA,
    ),
    Rule(
        "tearing-pain",
        Tier.EMERGENCY,
        _has("sudden_severe_pain_faint"),
        ("NICE NG59",),
    ),
    Rule(
        "chest-or-breathing",
        Tier.EMERGENCY,
        _has("chest_pain_or_breathless"),
        ("NHS back pain",),
    ),
    Rule(
        "confused-or-drowsy",
        Tier.EMERGENCY,
        _has("confused_or_drowsy"),
        ("NICE NG59",),
    ),
    Rule(
        "recent-major-accident",
        Tier.EMERGENCY,
        _pain(lambda p: p.trigger == "major_accident" and p.started_days_ago <= 7),
        ("NHS back pain", *_FRACTURE),
    ),
    Rule(
        "pregnancy-warning",
        Tier.EMERGENCY,
        _has("pregnancy_warning"),
        ("NHS pregnancy back pain", "ACOG"),
    ),
    # The questionnaire stops at an emergency answer about the legs or an accident before the
    # pain block is complete, so those answers cannot be saved: stopping is itself the reason.
    Rule(
        "stopped-early",
        Tier.EMERGENCY,
        lambda a: a.stopped_early,
        ("NICE NG59", "NHS back pain"),
        unless=(
            "saddle-numbness",
            "bladder-or-bowel",
            "sexual-function",
            "numb-both-legs",
            "pain-both-legs",
            "leg-weakness",
            "tearing-pain",
            "chest-or-breathing",
            "confused-or-drowsy",
            "recent-major-accident",
            "pregnancy-warning",
        ),
    ),
    # urgent (today)
    Rule(
        "fever",
        Tier.URGENT,
        _has("fever"),
        ("NHS back pain", *_KIDNEY),
    ),
    Rule(
        "urine-burning",
        Tier.URGENT,
        _has("urinary_burning_or_frequency"),
        _KIDNEY,
    ),
    Rule(
        "blood-in-urine",
        Tier.URGENT,
        _has("blood_in_urine"),
        _KIDNEY,
    ),
    Rule(
        "vomiting",
        Tier.URGENT,
        _has("vomiting"),
        _KIDNEY,
    ),
    Rule(
        "infection-risk",
        Tier.URGENT,
        _all(_has("immune_weakened", "injects_drugs"), _pain(_new)),
        ("NICE NG59", "Henschke 2009"),
    ),
    Rule(
        "night-pain",
        Tier.URGENT,
        _has("night_pain_unrelieved"),
        ("NHS back pain",),
    ),
    Rule(
        "fall-weak-bones",
        Tier.URGENT,
        _all(_pain(lambda p: p.trigger == "minor_fall"), _any(_WEAK_BONES, _age_over(70))),
        _FRACTURE,
    ),
    Rule(
        "lifting-weak-bones",
        Tier.URGENT,
        _all(_pain(lambda p: p.trigger == "lifting"), _WEAK_BONES),
        _FRACTURE,
    ),
    Rule(
        "cancer-and-warning",
        Tier.URGENT,
        _all(
            _has("cancer_history"),
            _any(
                _pain(lambda p: p.where in _MID_OR_UPPER),
                _has("worse_each_day"),
                _pain(lambda p: p.leg == "below_knee"),
                _pain(lambda p: p.now >= 8),
            ),
        ),
        ("NICE NG234",),
    ),
    Rule(
        "mid-back-no-cause-risk",
        Tier.URGENT,
        _all(
            _pain(lambda p: p.where in _MID_OR_UPPER and p.trigger == "none_known"),
            _any(_age_over(50), _WEAK_BONES),
        ),
        ("NHS back pain", *_FRACTURE),
    ),
    Rule(
        "old-major-accident",
        Tier.URGENT,
        _pain(lambda p: p.trigger == "major_accident" and p.started_days_ago > 7),
        ("NHS back pain", *_FRACTURE),
    ),
    # soon (within days)
    Rule(
        "cancer-history",
        Tier.SOON,
        _has("cancer_history"),
        ("NICE NG234",),
        unless=("cancer-and-warning",),
    ),
    Rule(
        "weight-loss",
        Tier.SOON,
        _has("weight_loss_unexplained"),
        ("NHS back pain", "Henschke 2009"),
    ),
    Rule(
        "worse-each-day",
        Tier.SOON,
        _has("worse_each_day"),
        ("NICE NG59",),
    ),
    Rule(
        "first-episode-over-60",
        Tier.SOON,
        _all(_pain(lambda p: p.before == "first_time"), _age_over(60)),
        ("Henschke 2009",),
    ),
    Rule(
        "weak-bones",
        Tier.SOON,
        # "with any other trigger": a trigger is needed, so the pain must be known.
        _all(_WEAK_BONES, _pain(lambda p: True)),
        _FRACTURE,
        unless=("fall-weak-bones", "lifting-weak-bones"),
    ),
    Rule(
        "over-70-strain",
        Tier.SOON,
        _all(_age_over(70), _pain(lambda p: p.trigger in ("lifting", "bending", "twisting"))),
        _FRACTURE,
    ),
    Rule(
        "mid-back-no-cause",
        Tier.SOON,
        _pain(lambda p: p.where in _MID_OR_UPPER and p.trigger == "none_known"),
        ("NHS back pain",),
        unless=("mid-back-no-cause-risk",),
    ),
    Rule(
        "severe-after-a-week",
        Tier.SOON,
        _pain(
            lambda p: (
                p.started_days_ago >= SEVERE_AFTER_DAYS
                and (p.now >= SEVERE_PAIN or p.interferes >= SEVERE_PAIN)
            )
        ),
        ("NICE NG59",),
    ),
    # routine
    Rule(
        "not-better-2-weeks",
        Tier.ROUTINE,
        _pain(lambda p: p.started_days_ago >= NOT_BETTER_DAYS and p.now >= NOT_BETTER_PAIN),
        ("NHS back pain",),
    ),
    Rule(
        "lasting-6-weeks",
        Tier.ROUTINE,
        _pain(lambda p: p.started_days_ago >= LASTING_DAYS),
        ("NHS back pain",),
    ),
    Rule(
        "often",
        Tier.ROUTINE,
        _pain(lambda p: p.before == "often"),
        ("NICE NG59",),
    ),
    Rule(
        "sciatica",
        Tier.ROUTINE,
        _pain(lambda p: p.leg == "below_knee"),
        ("NHS sciatica",),
    ),
)


#: Rules whose reasons end with the same sentence, by its key under [closing] of triage.toml:
#: a box that lists several of them says it once, after them.
CLOSINGS: dict[str, tuple[str, ...]] = {
    "cauda-equina": (
        "saddle-numbness",
        "bladder-or-bowel",
        "sexual-function",
        "numb-both-legs",
        "pain-both-legs",
        "leg-weakness",
    ),
    "kidney-infection": ("fever", "urine-burning"),
    "kidney-or-stone": ("blood-in-urine", "vomiting"),
    "check-today": (
        "infection-risk",
        "fall-weak-bones",
        "lifting-weak-bones",
        "mid-back-no-cause-risk",
    ),
    "check-in-days": (
        "cancer-history",
        "weight-loss",
        "worse-each-day",
        "weak-bones",
        "first-episode-over-60",
        "over-70-strain",
        "mid-back-no-cause",
        "severe-after-a-week",
    ),
}
_CLOSING_OF = {rule_id: key for key, ids in CLOSINGS.items() for rule_id in ids}


@functools.cache
def reason_parts(language: str) -> dict[str, tuple[str, str]]:
    """Every rule's reason in `language` as its own words and its closing sentence ("" for
    none: the own words are the whole reason), by rule id; ContentError lists every problem."""
    return {
        rule_id: (f"{sign} {more}" if more else sign, closing)
        for rule_id, (sign, more, closing) in _reason_words(language).items()
    }


def signs_in(language: str) -> dict[str, str]:
    """Every rule's sign in `language`, by rule id: the first words of its reason, without what
    the reason says after them (`more`) or its closing sentence; an emergency plan's box lists
    these."""
    return {rule_id: sign for rule_id, (sign, _, _) in _reason_words(language).items()}


@functools.cache
def _reason_words(language: str) -> dict[str, tuple[str, str, str]]:
    # Each rule's sign, the rest of its own words ("" for none) and its closing sentence.
    said = words.reader(language, "triage")
    closings = {key: said.text(f"closing.{key}") for key in CLOSINGS}
    found = {
        rule.id: (
            said.text(f"reasons.{rule.id}"),
            said.optional(f"more.{rule.id}"),
            closings.get(_CLOSING_OF.get(rule.id, ""), ""),
        )
        for rule in RULES
    }
    said.finish()
    return found


@functools.cache
def reasons_in(language: str) -> dict[str, str]:
    """Every rule's reason in `language`, whole, by rule id."""
    return {
        rule_id: f"{own} {closing}" if closing else own
        for rule_id, (own, closing) in reason_parts(language).items()
    }


def reason_groups(
    reasons: tuple[str, ...], rule_ids: tuple[str, ...], language: str
) -> tuple[ReasonGroup, ...]:
    """The reasons as a box lists them: those of rules with the same closing sentence (CLOSINGS)
    grouped, each with its own words, the sentence said once after them; the others whole, in
    order of first appearance. A reason without a rule id (given by a caller) is whole."""
    printed: list[ReasonGroup] = []
    for alike in _grouped(reasons, rule_ids, language):
        if len(alike) > 1:
            printed.append(ReasonGroup(tuple(own for _, own, _, _ in alike), alike[0][2]))
        elif printed and not printed[-1].after:
            printed[-1] = ReasonGroup((*printed[-1].bullets, alike[0][0]))
        else:
            printed.append(ReasonGroup((alike[0][0],)))
    return tuple(printed)


def _grouped(
    reasons: tuple[str, ...], rule_ids: tuple[str, ...], language: str
) -> list[list[tuple[str, str, str, str]]]:
    """The reasons as (whole, own words, closing, rule id), grouped by their closing sentence in
    order of first appearance; a reason without a closing sentence is a group of its own."""
    parts = reason_parts(language)
    groups: dict[str, list[tuple[str, str, str, str]]] = {}
    for index, reason in enumerate(reasons):
        rule_id = rule_ids[index] if index < len(rule_ids) else ""
        own, closing = parts.get(rule_id, (reason, ""))
        key = _CLOSING_OF.get(rule_id, "") if closing else f"#{index}"
        groups.setdefault(key, []).append((reason, own, closing, rule_id))
    return list(groups.values())


def reason_signs(
    reasons: tuple[str, ...], rule_ids: tuple[str, ...], language: str
) -> tuple[str, ...]:
    """Each reason's sign (`signs_in`), once, in the order the box's bullets list the reasons;
    a reason without a rule id (given by a caller) is its own sign."""
    signs = signs_in(language)
    found = (
        signs.get(rule_id, reason)
        for alike in _grouped(reasons, rule_ids, language)
        for reason, _, _, rule_id in alike
    )
    return tuple(dict.fromkeys(found))


def _reached(answers: Answers, rules: Iterable[Rule]) -> list[Rule]:
    """The rules reached, most urgent first; a rule is skipped when one of its `unless` is."""
    reached: list[Rule] = []
    for rule in sorted(rules, key=lambda r: r.tier.rank):
        if rule.applies(answers) and not any(r.id in rule.unless for r in reached):
            reached.append(rule)
    return reached


def triage(answers: Answers) -> Triage:
    """The most urgent tier reached and every reason reached at any tier, most urgent first.

    Works on stopped-early answers too: rules that need the pain are then not reached.
    """
    reached = _reached(answers, RULES)
    if not reached:
        return Triage(Tier.SELF_CARE, ())
    reasons = reasons_in(answers.words_in)
    return Triage(
        reached[0].tier,
        tuple(reasons[rule.id] for rule in reached),
        rule_ids=tuple(rule.id for rule in reached),
    )


def emergency_reasons(answers: Answers) -> tuple[str, ...]:
    """The emergency reasons only, for the questionnaire to stop at the first emergency answer.

    Reads only age, pregnancy, symptoms and `pain.leg`, `pain.trigger` and
    `pain.started_days_ago`, so the other pain fields may hold placeholders.
    """
    reasons = reasons_in(answers.words_in)
    emergencies = _reached(answers, (r for r in RULES if r.tier is Tier.EMERGENCY))
    return tuple(reasons[r.id] for r in emergencies)


def _content(language: str) -> dict[str, Any]:
    return words.document("warnings.toml", language)


def _node(language: str, path: tuple[str, ...]) -> Any:
    node: Any = _content(language)
    for key in path:
        node = node[key]
    return node


def _text(language: str, *path: str) -> str:
    node = _node(language, path)
    if not isinstance(node, str):
        raise TypeError(messages.should_be_text(f"warnings.toml: {'.'.join(path)}"))
    return node


def _texts(language: str, *path: str) -> tuple[str, ...]:
    node = _node(language, path)
    if not isinstance(node, list) or not all(isinstance(item, str) for item in node):
        raise TypeError(messages.should_be_texts(f"warnings.toml: {'.'.join(path)}"))
    return tuple(node)


def _words(lang: str, kind: str, words: Iterable[str]) -> str:
    return "; ".join(_text(lang, "words", kind, word) for word in words) or _text(
        lang, "tell", "none"
    )


def _started(lang: str, days: int) -> str:
    if days == 0:
        return _text(lang, "tell", "today")
    if days == 1:
        return _text(lang, "tell", "yesterday")
    return _text(lang, "tell", "days_ago").format(days=days)


def _tell_staff(answers: Answers, caption: str) -> Table:
    """What to tell the staff, built from the answers that are present."""
    lang = answers.words_in
    rows: list[tuple[str, str]] = [(_text(lang, "tell", "age"), str(answers.age))]
    signs = list(answers.symptoms)
    pain = answers.pain
    if pain is not None:
        rows.append((_text(lang, "tell", "started"), _started(lang, pain.started_days_ago)))
        rows.append(
            (_text(lang, "tell", "trigger"), _text(lang, "words", "triggers", pain.trigger))
        )
        rows.append(
            (_text(lang, "tell", "pain"), _text(lang, "tell", "pain_value").format(now=pain.now))
        )
        if pain.leg == "both_legs":
            signs.insert(0, "both_legs")
    rows.append((_text(lang, "tell", "signs"), _words(lang, "symptoms", signs)))
    if answers.pregnant:
        weeks = _text(lang, "tell", "weeks_value").format(weeks=answers.pregnancy_weeks)
        rows.append((_text(lang, "tell", "pregnancy"), weeks))
    if not answers.stopped_early:
        # A questionnaire that stopped early never asked these: "none" would mislead the staff.
        rows.append(
            (_text(lang, "tell", "medicines"), _words(lang, "medicines", answers.medicines))
        )
        rows.append(
            (_text(lang, "tell", "conditions"), _words(lang, "conditions", answers.conditions))
        )
    return Table(
        header=(_text(lang, "tell", "what"), _text(lang, "tell", "answer")),
        rows=tuple(rows),
        caption=caption,
    )


def _rules_behind(result: Triage) -> list[Rule]:
    return [rule for rule in RULES if rule.id in result.rule_ids]


def has_kidney_signs(answers: Answers) -> bool:
    """True when an answer hints at a kidney infection or stone: the plan assumes no spasm."""
    lang = answers.words_in
    return any(answers.has(word) for word in _texts(lang, "tier", "kidney_signs"))


def maternity_first(answers: Answers, result: Triage) -> bool:
    """An urgent plan for a pregnant person with a sign of a kidney infection: the first action
    is to call the maternity unit or labour ward now (NHS pregnancy back pain)."""
    return result.level is Tier.URGENT and answers.pregnant and has_kidney_signs(answers)


def _split_reasons(result: Triage) -> tuple[tuple[str, ...], tuple[str, ...], list[Rule]]:
    """The reasons printed for the tier reached and their rule ids ("" for none), and the rules
    of lower tiers also reached.

    A reason without a rule id (given by a caller) is printed with the tier's reasons.
    """
    lower = [r for r in _rules_behind(result) if r.tier.rank > result.level.rank]
    lower_ids = {r.id for r in lower}
    ids = (*result.rule_ids, *([""] * (len(result.reasons) - len(result.rule_ids))))
    kept = [
        (reason, rule_id)
        for reason, rule_id in zip(result.reasons, ids, strict=False)
        if rule_id not in lower_ids
    ]
    return tuple(r for r, _ in kept), tuple(i for _, i in kept), lower


def _triage_section(answers: Answers, result: Triage) -> Section:
    """What to do for the tier reached: one timing, first; other steps are "also" lines."""
    lang = answers.words_in
    tier = result.level.value
    behind = _rules_behind(result)
    reasons, reason_ids, lower = _split_reasons(result)
    paragraphs: list[str] = []
    tables: list[Table] = []
    sources = [*_texts(lang, "tier", tier, "sources"), *(s for r in behind for s in r.sources)]
    title = _text(lang, "tier", tier, "title")
    if result.level is Tier.EMERGENCY:
        emergencies = [r.id for r in behind if r.tier is Tier.EMERGENCY]
        only_pregnancy = emergencies == ["pregnancy-warning"]
        actions = _texts(lang, "tier", tier, "action_pregnancy" if only_pregnancy else "action")
        if answers.pregnant and not only_pregnancy:
            paragraphs.append(_text(lang, "tier", tier, "pregnant"))
    elif maternity_first(answers, result):
        title = _text(lang, "tier", tier, "title_maternity")
        actions = _texts(lang, "tier", tier, "action_maternity")
        sources.append("NHS pregnancy back pain")
    else:
        actions = _texts(lang, "tier", tier, "action")
    paragraphs.insert(0, " ".join(actions))
    if result.level is Tier.URGENT:
        if answers.has("cancer_history"):
            paragraphs.append(_text(lang, "tier", tier, "cancer"))
        if answers.pregnant and not maternity_first(answers, result):
            paragraphs.append(_text(lang, "tier", tier, "pregnant"))
    if result.level is Tier.URGENT and has_kidney_signs(answers):
        paragraphs.extend(_texts(lang, "tier", tier, "kidney"))
        sources.extend(_texts(lang, "tier", tier, "kidney_sources"))
    else:
        paragraphs.extend(_texts(lang, "tier", tier, "paragraphs"))
    if result.level in (Tier.EMERGENCY, Tier.URGENT):
        tables.append(_tell_staff(answers, _text(lang, "tier", tier, "tell_caption")))
    if lower:
        rows = tuple((_text(lang, "also", rule.id),) for rule in lower)
        tables.append(Table(header=(_text(lang, "tier", tier, "also"),), rows=rows))
    signs: tuple[str, ...] = ()
    if reasons:
        paragraphs.append(_text(lang, "tier", "because"))
        bullets = reasons
        groups = reason_groups(reasons, reason_ids, lang)
        if result.level is Tier.EMERGENCY:
            signs = reason_signs(reasons, reason_ids, lang)
    else:
        bullets = _texts(lang, "tier", tier, "bullets")
        groups = (ReasonGroup(bullets),) if bullets else ()
    return Section(
        id="triage",
        kind="warning",
        title=title,
        why=_text(lang, "tier", "why").format(tier=tier.replace("_", " ")),
        paragraphs=tuple(paragraphs),
        bullets=bullets,
        tables=tuple(tables),
        sources=unique(sources),
        actions=actions,
        reason_groups=groups,
        signs=signs,
    )


def _plain_section(
    key: str, kind: str, answers: Answers, leave_out: frozenset[str] = frozenset()
) -> Section:
    """A section written whole in warnings.toml under `key`.

    Its list is its `bullets`, or its `signs`: ids of the signs under its `sign` table, less
    those in `leave_out`; so are the rows of its tables."""
    lang = answers.words_in
    content = _content(lang)[key]

    def signs(ids: Iterable[str]) -> tuple[str, ...]:
        return tuple(_text(lang, key, "sign", sign) for sign in ids if sign not in leave_out)

    if "signs" in content:
        bullets = signs(_texts(lang, key, "signs"))
        if answers.pregnant and "signs_if_pregnant" in content:
            bullets += signs(_texts(lang, key, "signs_if_pregnant"))
    else:
        bullets = _texts(lang, key, "bullets")
    tables: list[Table] = []
    sources = list(_texts(lang, key, "sources"))
    for table in content.get("table", ()):
        rows = [*signs(table["signs"])]
        for extra in table.get("extra", ()):
            if rules.matches(extra["when"], answers):
                rows.extend(signs(extra["signs"]))
                sources.extend(extra.get("sources", ()))
        tables.append(Table(header=(table["header"],), rows=tuple((row,) for row in rows)))
    return Section(
        id=key,
        kind=kind,
        title=_text(lang, key, "title"),
        why=_text(lang, key, "why"),
        paragraphs=_texts(lang, key, "paragraphs"),
        bullets=bullets,
        cautions=_texts(lang, key, "cautions") if "cautions" in content else (),
        tables=tuple(tables),
        sources=unique(sources),
    )


def reported_signs(answers: Answers) -> frozenset[str]:
    """The ids of the warning list's signs to see a doctor today or within days that the
    person already has (warnings.toml, `reported`): the tier box acts on them and names them,
    so the list to watch for leaves them out."""
    reported: dict[str, str] = _node(answers.words_in, ("warning-signs", "reported"))
    return frozenset(sign for sign, symptom in reported.items() if symptom in answers.symptoms)


def tier_sections(
    answers: Answers, result: Triage, said_before: frozenset[str] = frozenset()
) -> tuple[Section, ...]:
    """The warning sections for the top of the plan.

    What to do for the tier reached; when pregnant, the maternity box (the signs that need the
    maternity unit now, before the rest); the signs to watch for (less `said_before`: the ids
    of the signs an earlier box says, and less those the person already has: reported_signs);
    and, when it applies, a note on inflammatory back pain for the clinician. (The maternity
    box is the shorter of the two: after page 1's boxes it fits where the whole warning list
    would not, and leaves less of page 1 empty.)
    """
    sections = [_triage_section(answers, result)]
    if answers.pregnant:
        sections.append(_plain_section("maternity", "warning", answers))
    watch_for = said_before | reported_signs(answers)
    sections.append(_plain_section("warning-signs", "warning", answers, watch_for))
    if answers.pain is not None and answers.pain.started_days_ago >= INFLAMMATORY_DAYS:
        sections.append(_plain_section("inflammatory-back-pain", "info", answers))
    return tuple(sections)
