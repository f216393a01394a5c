"""The check-in questions in the terminal: every warning question again, then how it went."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from careplan import answers as answers_model
from careplan import messages, words
from careplan.errors import CareplanError
from careplan.intake import questions
from careplan.intake import terminal_words as said
from careplan.intake.checkin import FORMAT, Earlier
from careplan.intake.questions import CHECKBOX, NUMBER, Choice, Doc, Question

DRAFT_NAME = "checkin-draft.json"
#: The questionnaire's "back to the previous question" signal, where the prompter has one.
_GO_BACK: tuple[type[BaseException], ...] = tuple(
    e for e in (getattr(questions, "GoBack", None),) if isinstance(e, type)
)
WARNING_KEYS = ("symptoms", "pain.leg")


@functools.cache
def _words(language: str) -> dict[str, str]:
    """The check-in's own words in `language`, by name."""
    text = words.reader(language, "checkin")
    found = {
        "heading": text.text("heading"),
        "made_worse": text.text("made_worse.message"),
        "goal_score": text.text("goal_score.message", "goal"),
        "goal_score_instruction": text.text("goal_score.instruction"),
        "days_done": text.text("days_done.message"),
    }
    text.finish()
    return found


def _say(name: str) -> str:
    """One of the check-in's own sentences, in the language the terminal speaks now."""
    return _words(said.LANGUAGE)[name]


def _asked_again(key: str) -> tuple[Question, ...]:
    return tuple(q for q in questions.spoken() if q.key == key)


def check_in_questions(earlier: Earlier) -> tuple[Question, ...]:
    """The warning questions exactly as the questionnaire asks them, then the check-in's own."""
    # Every warning-sign question (the new-problems and the other-signs lists, the leg), as
    # the questionnaire words them; not the start of the pain, which is counted on instead.
    screen = tuple(q for q in questions.spoken() if q.key in WARNING_KEYS)
    worse = Question(
        "made_worse",
        CHECKBOX,
        _say("made_worse"),
        choices=tuple(Choice(ex_id, title) for ex_id, title in earlier.exercises),
    )
    return (
        *screen,
        *_asked_again("pain.now"),
        *_asked_again("pain.worst"),
        *(
            (
                Question(
                    "goal_score",
                    NUMBER,
                    _say("goal_score").format(goal=earlier.answers.goal),
                    instruction=_say("goal_score_instruction"),
                    minimum=0,
                    maximum=10,
                    optional=True,
                ),
            )
            if earlier.answers.goal
            else ()
        ),
        Question(
            "days_done",
            NUMBER,
            _say("days_done"),
            minimum=0,
            maximum=7,
        ),
        *((worse,) if earlier.exercises else ()),
    )


def _partial(earlier: Earlier, doc: Mapping[str, Any]) -> answers_model.Answers:
    before = earlier.answers
    return questions.partial_answers(
        {
            "age": before.age,
            "pregnant": before.pregnant,
            "pregnancy_weeks": before.pregnancy_weeks,
            "symptoms": doc.get("symptoms", []),
            "pain": dict(doc.get("pain", {})),
        }
    )


def to_check_in(doc: Mapping[str, Any], day: date) -> Doc:
    """The questions' answers as a `careplan-checkin/1` document."""
    pain = doc.get("pain", {})
    made: Doc = {
        "format": FORMAT,
        "date": day.isoformat(),
        "pain_now": pain["now"],
        "pain_worst": pain["worst"],
    }
    if doc.get("goal_score") is not None:
        made["goal_score"] = doc["goal_score"]
    made.update(
        days_done=doc["days_done"],
        made_worse=list(doc.get("made_worse", [])),
        symptoms=list(doc.get("symptoms", [])),
        leg=pain["leg"],
    )
    return made


def run(
    earlier: Earlier,
    prompter: questions.Prompter,
    *,
    start: Doc | None = None,
    on_answer: Callable[[Doc], None] | None = None,
    out: TextIO | None = None,
) -> tuple[Doc, bool]:
    """Ask the check-in; (answers so far, True) when stopped at an emergency answer."""
    from careplan.decide.triage import emergency_reasons

    doc: Doc = dict(start or {})
    asked: set[str] = set(doc.get("_asked", ()))
    if asked and emergency_reasons(_partial(earlier, doc)):
        return doc, True
    if out is not None:
        out.write(f"\n── {_say('heading')} ──\n")
        out.flush()
    asking = check_in_questions(earlier)
    index = 0
    drawn: list[tuple[str, tuple[int, int]]] = []  # each answer's lines, for Esc to take back
    while index < len(asking):
        # "Question N of M", as the questionnaire counts; Esc goes back from the second on.
        question = replace(asking[index], counter=(index + 1, len(asking)))
        marker = f"{index}:{question.key}"
        if marker in asked:
            index += 1
            continue
        try:
            value = prompter.ask(question, {**doc, "pregnant": earlier.answers.pregnant})
        except _GO_BACK:
            # Back to the question before: its answer's lines go, and it is asked again, its
            # answer shown as typed.
            if index > 0:
                index -= 1
                before = f"{index}:{asking[index].key}"
                asked.discard(before)
                questions.take_back_answer(out, drawn, before)
            continue
        drawn.append((marker, prompter.left))
        questions.put(doc, question, value)
        asked.add(marker)
        doc["_asked"] = sorted(asked)
        if on_answer is not None:
            on_answer(doc)
        if question.key in WARNING_KEYS and emergency_reasons(_partial(earlier, doc)):
            return doc, True
        index += 1
    doc.pop("_asked", None)
    return doc, False


class CheckInDraft:
    """The check-in's draft: kept after every answer, for this plan only."""

    def __init__(self, folder: Path | None, plan: Path, screen: TextIO) -> None:
        # No safe data folder (no home folder): nothing is kept, as for the questionnaire.
        self.path = None if folder is None else folder / DRAFT_NAME
        self.plan = str(plan.resolve())
        self.screen = screen

    def start(self, prompter: questions.Prompter) -> Doc | None:
        """A draft of a check-in of this plan that the person chose to continue, or None."""
        from datetime import datetime

        from careplan.intake import drafts

        if self.path is None:
            return None
        try:
            # Only an ordinary file of a draft's size is read: never a pipe, device or link.
            if self.path.is_symlink():
                return None
            data = answers_model.read_regular(
                self.path,
                answers_model.MAX_BYTES,
                kind=messages.DRAFT,
                too_large=lambda n: messages.TOO_LARGE,
            )
            record = json.loads(data.decode("utf-8"))
            kept = record["answers"]
            saved = datetime.fromtimestamp(self.path.stat().st_mtime)
        except (OSError, ValueError, KeyError, TypeError, CareplanError):
            return None
        if not isinstance(kept, dict) or kept.get("_plan") != self.plan:
            return None
        if prompter.ask(drafts.resume_question(drafts.SavedDraft(kept, saved)), {}):
            return kept
        drafts.discard(self.path)
        return None

    def keep(self, doc: Mapping[str, Any]) -> None:
        """Save the answers so far; a draft that cannot be saved is only a warning."""
        from careplan.intake import drafts

        if self.path is None:
            return
        try:
            drafts.save({**doc, "_plan": self.plan}, self.path)
        except (OSError, CareplanError) as err:
            reason = err.lines[-1] if isinstance(err, CareplanError) else err.strerror
            self.screen.write(said.NOT_KEPT.format(reason=reason) + "\n")
