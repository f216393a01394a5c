"""Warning signs to tier and reasons, and the warning sections at the top of every plan."""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import resources
from typing import Any

from careplan import rules
from careplan.answers import Answers, Pain
from careplan.plan import Section, Table, Tier, Triage, unique

#: An episode is "new" when it started less than 6 weeks ago (synthesis).
NEW_DAYS = 42
#: From this many days on, the clinician is told about inflammatory back pain.
INFLAMMATORY_DAYS = 90

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
    """One item of the clinical reference's triage table: when it applies, tier, reason printed."""

    id: str
    tier: Tier
    applies: Check
    reason: str
    sources: tuple[str, ...]
    #: Ids of more urgent rules that already say this ("any other case" in the reference).
    unless: tuple[str, ...] = ()


_NERVES = (
    "This can mean pressure on the nerves at the base of the spine (cauda equina), "
    "which needs treatment quickly."
)
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
        f"You have new numbness around your genitals, bottom or inner thighs. {_NERVES}",
        _CAUDA,
    ),
    Rule(
        "bladder-or-bowel",
        Tier.EMERGENCY,
        _has("bladder_or_bowel_change"),
        f"You have new trouble passing urine or controlling your bladder or bowels. {_NERVES}",
        _CAUDA,
    ),
    Rule(
        "sexual-function",
        Tier.EMERGENCY,
        _has("sexual_function_change"),
        f"You have a new change in sexual feeling or function. {_NERVES}",
        _CAUDA,
    ),
    Rule(
        "numb-both-legs",
        Tier.EMERGENCY,
        _has("numbness_both_legs"),
        f"You have new numbness in both legs. {_NERVES}",
        _CAUDA,
    ),
    Rule(
        "pain-both-legs",
        Tier.EMERGENCY,
        _pain(lambda p: p.leg == "both_legs"),
        f"You have pain, tingling or numbness going down both legs. {_NERVES}",
        _CAUDA,
    ),
    Rule(
        "leg-weakness",
        Tier.EMERGENCY,
        _has("leg_weakness_worsening"),
        f"You have new weakness in your legs that is getting worse. {_NERVES}",
        _CAUDA,
    ),
    Rule(
        "tearing-pain",
        Tier.EMERGENCY,
        _has("sudden_severe_pain_faint"),
        "You had sudden, severe or tearing pain with feeling faint, sweaty or a racing heart. "
        "This can be a tear or bulge in the body's main blood vessel (aorta), an emergency.",
        ("NICE NG59",),
    ),
    Rule(
        "chest-or-breathing",
        Tier.EMERGENCY,
        _has("chest_pain_or_breathless"),
        "You have chest pain or trouble breathing. "
        "This must be checked straight away for a heart or lung problem.",
        ("NHS back pain",),
    ),
    Rule(
        "confused-or-drowsy",
        Tier.EMERGENCY,
        _has("confused_or_drowsy"),
        "You are newly confused or hard to wake. "
        "This can be a sign of a serious illness, such as an infection, that needs help now.",
        ("NICE NG59",),
    ),
    Rule(
        "recent-major-accident",
        Tier.EMERGENCY,
        _pain(lambda p: p.trigger == "major_accident" and p.started_days_ago <= 7),
        "Your back pain started after a serious accident in the last week. "
        "Your spine needs checking for a broken bone.",
        ("NHS back pain", *_FRACTURE),
    ),
    Rule(
        "pregnancy-warning",
        Tier.EMERGENCY,
        _has("pregnancy_warning"),
        "You have a pregnancy warning sign, such as regular tightening, bleeding, leaking "
        "fluid, the baby moving less, or a bad headache. You and your baby need checking now.",
        ("NHS pregnancy back pain", "ACOG"),
    ),
    # The questionnaire stops at an emergency answer about the legs or an accident before the
    # pain block is complete, so those answers cannot be saved: stopping is itself the reason.
    Rule(
        "stopped-early",
        Tier.EMERGENCY,
        lambda a: a.stopped_early,
        "You gave an answer that needs care now, such as pain down both legs or a bad "
        "accident this week. So the questions stopped there.",
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
        "You have a fever or feel hot and shivery. "
        "With back pain this can be a kidney infection, which needs treatment today.",
        ("NHS back pain", *_KIDNEY),
    ),
    Rule(
        "urine-burning",
        Tier.URGENT,
        _has("urinary_burning_or_frequency"),
        "It burns when you pass urine, or you pass urine much more often than usual. "
        "With back pain this can be a kidney infection, which needs treatment today.",
        _KIDNEY,
    ),
    Rule(
        "blood-in-urine",
        Tier.URGENT,
        _has("blood_in_urine"),
        "You have blood in your urine. "
        "With back pain this can be a kidney infection or stone, which needs checking today.",
        _KIDNEY,
    ),
    Rule(
        "vomiting",
        Tier.URGENT,
        _has("vomiting"),
        "You are being sick. "
        "With back pain this can be a kidney infection or stone, which needs checking today.",
        _KIDNEY,
    ),
    Rule(
        "infection-risk",
        Tier.URGENT,
        _all(_has("immune_weakened", "injects_drugs"), _pain(_new)),
        "New back pain in someone with a weak immune system, or who injects drugs, can be an "
        "infection in the spine. A doctor should check it today.",
        ("NICE NG59", "Henschke 2009"),
    ),
    Rule(
        "night-pain",
        Tier.URGENT,
        _has("night_pain_unrelieved"),
        "Your pain is much worse at night and does not ease when you change position. "
        "This is not usual for a muscle spasm, so a doctor should check it today.",
        ("NHS back pain",),
    ),
    Rule(
        "fall-weak-bones",
        Tier.URGENT,
        _all(_pain(lambda p: p.trigger == "minor_fall"), _any(_WEAK_BONES, _age_over(70))),
        "Even a small fall can break a bone in the spine when bones are weaker (osteoporosis, "
        "steroid tablets, or age over 70). A doctor should check it today.",
        _FRACTURE,
    ),
    Rule(
        "lifting-weak-bones",
        Tier.URGENT,
        _all(_pain(lambda p: p.trigger == "lifting"), _WEAK_BONES),
        "With osteoporosis or long-term steroid tablets, even lifting can break a bone in the "
        "spine. A doctor should check it today.",
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
        "You have had cancer, and your pain is in the middle or upper back, worse each day, "
        "going below the knee, or very strong. A doctor should check today that it is not "
        "linked to the cancer.",
        ("NICE NG234",),
    ),
    Rule(
        "mid-back-no-cause-risk",
        Tier.URGENT,
        _all(
            _pain(lambda p: p.where in _MID_OR_UPPER and p.trigger == "none_known"),
            _any(_age_over(50), _WEAK_BONES),
        ),
        "Your pain is in the middle or upper back, started for no clear reason, and you are "
        "over 50 or have weaker bones. A doctor should check it today.",
        ("NHS back pain", *_FRACTURE),
    ),
    Rule(
        "old-major-accident",
        Tier.URGENT,
        _pain(lambda p: p.trigger == "major_accident" and p.started_days_ago > 7),
        "Your back pain started after a serious accident more than a week ago. "
        "A doctor should check your spine for a broken bone today.",
        ("NHS back pain", *_FRACTURE),
    ),
    # soon (within days)
    Rule(
        "cancer-history",
        Tier.SOON,
        _has("cancer_history"),
        "You have had cancer, so a doctor should check new back pain within a few days, "
        "to be safe.",
        ("NICE NG234",),
        unless=("cancer-and-warning",),
    ),
    Rule(
        "weight-loss",
        Tier.SOON,
        _has("weight_loss_unexplained"),
        "You have lost weight without trying. "
        "Together with back pain, a doctor should check this within a few days.",
        ("NHS back pain", "Henschke 2009"),
    ),
    Rule(
        "worse-each-day",
        Tier.SOON,
        _has("worse_each_day"),
        "Your pain is getting worse each day. A muscle spasm usually eases, "
        "so a doctor should check it within a few days.",
        ("NICE NG59",),
    ),
    Rule(
        "first-episode-over-60",
        Tier.SOON,
        _all(_pain(lambda p: p.before == "first_time"), _age_over(60)),
        "This is your first ever back pain and you are over 60. "
        "A doctor should check it within a few days.",
        ("Henschke 2009",),
    ),
    Rule(
        "weak-bones",
        Tier.SOON,
        # "with any other trigger": a trigger is needed, so the pain must be known.
        _all(_WEAK_BONES, _pain(lambda p: True)),
        "Osteoporosis or long-term steroid tablets make bones easier to break. "
        "A doctor should check your back within a few days.",
        _FRACTURE,
        unless=("fall-weak-bones", "lifting-weak-bones"),
    ),
    Rule(
        "over-70-strain",
        Tier.SOON,
        _all(_age_over(70), _pain(lambda p: p.trigger in ("lifting", "bending", "twisting"))),
        "Over 70, lifting, bending or twisting can sometimes crack a bone in the spine. "
        "A doctor should check it within a few days.",
        _FRACTURE,
    ),
    Rule(
        "mid-back-no-cause",
        Tier.SOON,
        _pain(lambda p: p.where in _MID_OR_UPPER and p.trigger == "none_known"),
        "Your pain is in the middle or upper back and started for no clear reason. "
        "A doctor should check it within a few days.",
        ("NHS back pain",),
        unless=("mid-back-no-cause-risk",),
    ),
    Rule(
        "severe-after-a-week",
        Tier.SOON,
        _pain(lambda p: p.started_days_ago >= 7 and (p.now >= 8 or p.interferes >= 8)),
        "After a week or more, your pain is still very strong or stops you doing everyday "
        "things. A doctor should check it within a few days.",
        ("NICE NG59",),
    ),
    # routine
    Rule(
        "not-better-2-weeks",
        Tier.ROUTINE,
        _pain(lambda p: p.started_days_ago >= 14 and p.now >= 4),
        "Your pain is still 4 or more out of 10. It has lasted about 2 weeks, "
        "so a GP or physical therapist can help it get better.",
        ("NHS back pain",),
    ),
    Rule(
        "lasting-6-weeks",
        Tier.ROUTINE,
        _pain(lambda p: p.started_days_ago >= 42),
        "Your pain has lasted 6 weeks or more. "
        "A GP or physical therapist can check it and adjust your plan.",
        ("NHS back pain",),
    ),
    Rule(
        "often",
        Tier.ROUTINE,
        _pain(lambda p: p.before == "often"),
        "You get back pain often. "
        "A GP or physical therapist can help you find ways to stop it coming back.",
        ("NICE NG59",),
    ),
    Rule(
        "sciatica",
        Tier.ROUTINE,
        _pain(lambda p: p.leg == "below_knee"),
        "Your pain goes down your leg below the knee (sciatica). See a GP if it is not better "
        "in a few weeks, or sooner if it gets worse.",
        ("NHS sciatica",),
    ),
)


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
    return Triage(reached[0].tier, tuple(rule.reason for rule in reached))


def emergency_reasons(answers: Answers) -> tuple[str, ...]:
    """The emergency reasons only, for the questionnaire to stop at the first emergency answer.

    Reads only age, pregnancy, symptoms and `pain.leg`, `pain.trigger` and
    `pain.started_days_ago`, so the other pain fields may hold placeholders.
    """
    return tuple(
        r.reason for r in _reached(answers, (r for r in RULES if r.tier is Tier.EMERGENCY))
    )


@functools.cache
def _content() -> dict[str, Any]:
    text = resources.files("careplan").joinpath("content", "warnings.toml").read_text("utf-8")
    return tomllib.loads(text)


def _node(path: tuple[str, ...]) -> Any:
    node: Any = _content()
    for key in path:
        node = node[key]
    return node


def _text(*path: str) -> str:
    node = _node(path)
    if not isinstance(node, str):
        raise TypeError(f"warnings.toml: {'.'.join(path)} should be text")
    return node


def _texts(*path: str) -> tuple[str, ...]:
    node = _node(path)
    if not isinstance(node, list) or not all(isinstance(item, str) for item in node):
        raise TypeError(f"warnings.toml: {'.'.join(path)} should be a list of text")
    return tuple(node)


def _words(kind: str, words: Iterable[str]) -> str:
    return "; ".join(_text("words", kind, word) for word in words) or _text("tell", "none")


def _started(days: int) -> str:
    if days == 0:
        return _text("tell", "today")
    if days == 1:
        return _text("tell", "yesterday")
    return _text("tell", "days_ago").format(days=days)


def _tell_staff(answers: Answers, caption: str) -> Table:
    """What to tell the staff, built from the answers that are present."""
    rows: list[tuple[str, str]] = [(_text("tell", "age"), str(answers.age))]
    signs = list(answers.symptoms)
    pain = answers.pain
    if pain is not None:
        rows.append((_text("tell", "started"), _started(pain.started_days_ago)))
        rows.append((_text("tell", "trigger"), _text("words", "triggers", pain.trigger)))
        rows.append((_text("tell", "pain"), _text("tell", "pain_value").format(now=pain.now)))
        if pain.leg == "both_legs":
            signs.insert(0, "both_legs")
    rows.append((_text("tell", "signs"), _words("symptoms", signs)))
    if answers.pregnant:
        weeks = _text("tell", "weeks_value").format(weeks=answers.pregnancy_weeks)
        rows.append((_text("tell", "pregnancy"), weeks))
    if not answers.stopped_early:
        # A questionnaire that stopped early never asked these: "none" would mislead the staff.
        rows.append((_text("tell", "medicines"), _words("medicines", answers.medicines)))
        rows.append((_text("tell", "conditions"), _words("conditions", answers.conditions)))
    return Table(
        header=(_text("tell", "what"), _text("tell", "answer")), rows=tuple(rows), caption=caption
    )


def _rules_behind(result: Triage) -> list[Rule]:
    return [rule for rule in RULES if rule.reason in result.reasons]


def has_kidney_signs(answers: Answers) -> bool:
    """True when an answer hints at a kidney infection or stone: the plan assumes no spasm."""
    return any(answers.has(word) for word in _texts("tier", "kidney_signs"))


def maternity_first(answers: Answers, result: Triage) -> bool:
    """An urgent plan for a pregnant person with a sign of a kidney infection: the first action
    is to call the maternity unit or labour ward now (NHS pregnancy back pain)."""
    return result.level is Tier.URGENT and answers.pregnant and has_kidney_signs(answers)


def _split_reasons(result: Triage) -> tuple[tuple[str, ...], list[Rule]]:
    """The reasons printed for the tier reached, and the rules of lower tiers also reached.

    A reason that is not one of RULES (given by a caller) is printed with the tier's reasons.
    """
    lower = [r for r in _rules_behind(result) if r.tier.rank > result.level.rank]
    lower_reasons = {r.reason for r in lower}
    return tuple(r for r in result.reasons if r not in lower_reasons), lower


def _triage_section(answers: Answers, result: Triage) -> Section:
    """What to do for the tier reached: one timing, first; other steps are "also" lines."""
    tier = result.level.value
    behind = _rules_behind(result)
    reasons, lower = _split_reasons(result)
    paragraphs: list[str] = []
    tables: list[Table] = []
    sources = [*_texts("tier", tier, "sources"), *(s for r in behind for s in r.sources)]
    title = _text("tier", tier, "title")
    if result.level is Tier.EMERGENCY:
        emergencies = [r.id for r in behind if r.tier is Tier.EMERGENCY]
        only_pregnancy = emergencies == ["pregnancy-warning"]
        paragraphs.append(_text("tier", tier, "action_pregnancy" if only_pregnancy else "action"))
        if answers.pregnant and not only_pregnancy:
            paragraphs.append(_text("tier", tier, "pregnant"))
    elif maternity_first(answers, result):
        title = _text("tier", tier, "title_maternity")
        paragraphs.append(_text("tier", tier, "action_maternity"))
        sources.append("NHS pregnancy back pain")
    else:
        paragraphs.append(_text("tier", tier, "action"))
    if result.level is Tier.URGENT:
        if answers.has("cancer_history"):
            paragraphs.append(_text("tier", tier, "cancer"))
        if answers.pregnant and not maternity_first(answers, result):
            paragraphs.append(_text("tier", tier, "pregnant"))
    if result.level is Tier.URGENT and has_kidney_signs(answers):
        paragraphs.extend(_texts("tier", tier, "kidney"))
        sources.extend(_texts("tier", tier, "kidney_sources"))
    else:
        paragraphs.extend(_texts("tier", tier, "paragraphs"))
    if result.level in (Tier.EMERGENCY, Tier.URGENT):
        tables.append(_tell_staff(answers, _text("tier", tier, "tell_caption")))
    if lower:
        rows = tuple((_text("also", rule.id),) for rule in lower)
        tables.append(Table(header=(_text("tier", tier, "also"),), rows=rows))
    if reasons:
        paragraphs.append(_text("tier", "because"))
        bullets = reasons
    else:
        bullets = _texts("tier", tier, "bullets")
    return Section(
        id="triage",
        kind="warning",
        title=title,
        why=_text("tier", "why").format(tier=tier.replace("_", " ")),
        paragraphs=tuple(paragraphs),
        bullets=bullets,
        tables=tuple(tables),
        sources=unique(sources),
    )


def _plain_section(key: str, kind: str, answers: Answers) -> Section:
    """A section written whole in warnings.toml under `key`."""
    content = _content()[key]
    bullets = _texts(key, "bullets")
    if answers.pregnant and "bullets_if_pregnant" in content:
        bullets += _texts(key, "bullets_if_pregnant")
    tables: list[Table] = []
    sources = list(_texts(key, "sources"))
    for table in content.get("table", ()):
        rows = [*table["rows"]]
        for extra in table.get("extra", ()):
            if rules.matches(extra["when"], answers):
                rows.extend(extra["rows"])
                sources.extend(extra.get("sources", ()))
        tables.append(Table(header=(table["header"],), rows=tuple((row,) for row in rows)))
    return Section(
        id=key,
        kind=kind,
        title=_text(key, "title"),
        why=_text(key, "why"),
        paragraphs=_texts(key, "paragraphs"),
        bullets=bullets,
        cautions=_texts(key, "cautions") if "cautions" in content else (),
        tables=tuple(tables),
        sources=unique(sources),
    )


def tier_sections(answers: Answers, result: Triage) -> tuple[Section, ...]:
    """The warning sections for the top of the plan.

    What to do for the tier reached, the signs to watch for, and, when they apply, the
    maternity box and a note on inflammatory back pain for the clinician.
    """
    sections = [
        _triage_section(answers, result),
        _plain_section("warning-signs", "warning", answers),
    ]
    if answers.pregnant:
        sections.append(_plain_section("maternity", "warning", answers))
    if answers.pain is not None and answers.pain.started_days_ago >= INFLAMMATORY_DAYS:
        sections.append(_plain_section("inflammatory-back-pain", "info", answers))
    return tuple(sections)
