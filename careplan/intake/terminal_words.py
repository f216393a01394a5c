"""Every sentence the terminal conversation says around the questions, in one table.

The words are in careplan/content/<language>/terminal.toml (the questions' own in
questions.toml); this module reads them once, in the terminal's language, under the names the
code uses. Placeholders in braces are filled in where the sentence is said.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from careplan import words

#: The key of the review question, in the draft's list of questions asked.
REVIEW_KEY = "review"
_TIERS = ("emergency", "urgent", "soon", "routine", "self_care")


class TerminalWords:
    """The terminal's words in one language, under the names the code uses."""

    def __init__(self, language: str) -> None:
        self.LANGUAGE = language
        said = words.reader(language, "terminal")
        #: The first paragraphs on the screen. {count}: how many questions at most; {path}:
        #: the plan.
        self.INTRO = said.texts("intro", "count", "path")

        #: Shown above each question.
        self.COUNTER = said.text("counter", "number", "total")
        self.BACK_HINT = said.text("back_hint")

        #: How to answer, by kind of question.
        self.HOW_TO_CHOOSE = said.text("how_to_choose")
        #: Above and below a list taller than the terminal. {count}: the choices not shown.
        self.MORE_ABOVE = said.text("more_above", "count")
        self.MORE_BELOW = said.text("more_below", "count")
        self.HOW_TO_TICK = said.text("how_to_tick")
        self.HOW_TO_CONFIRM = {
            True: said.text("how_to_confirm_yes"),
            False: said.text("how_to_confirm_no"),
        }
        self.YES = said.text("yes")
        self.NO = said.text("no")
        self.LEFT_BLANK = said.text("left_blank")
        self.TYPED_PROMPT = said.text("typed_prompt")

        #: The choice every tick-list ends with, and the refusals of a tick-list, by question key.
        self.NONE_OF_THESE = said.text("none_of_these")
        self.NOTHING_TICKED = {
            key: said.text(f"nothing_ticked.{key}")
            for key in ("symptoms", "conditions", "medicines")
        }
        self.NOTHING_TICKED_OTHER = said.text("nothing_ticked_other")
        self.NONE_AND_OTHERS = said.text("none_and_others")

        #: One wording per rule for typed answers.
        self.WHOLE_NUMBER = said.text("typed.whole_number", "minimum", "maximum")
        self.TOO_LONG = said.text("typed.too_long", "maximum")
        self.NOT_PLAIN = said.text("typed.not_plain", "problem")

        #: The review of the answers before the plan is made.
        self.REVIEW_QUESTION = said.text("review.question")
        self.REVIEW_DONE = said.text("review.done")
        self.REVIEW_ANSWER = said.text("review.answer", "short", "answer")

        #: Ctrl-C. {count}: the answers kept in the draft.
        self.CANCELLED = said.text("cancelled.said")
        self.SAVED_ONE = said.text("cancelled.saved_one")
        self.SAVED_MANY = said.text("cancelled.saved_many", "count")
        self.NOT_SAVED = said.text("cancelled.not_saved")

        #: An unfinished questionnaire: {when} it stopped, {count} answers kept.
        self.RESUME = {
            1: said.text("resume.question_one", "when", "count"),
            2: said.text("resume.question_many", "when", "count"),
        }
        self.RESUME_WHEN = said.text("resume.when", "date", "time")
        self.RESUME_CONTINUE = said.text("resume.continue")
        self.RESUME_START_OVER = said.text("resume.start_over")
        self.NOT_KEPT = said.text("resume.not_kept", "reason")
        self.DRAFT_UNUSABLE = said.text("draft.unusable", "problem")
        self.DRAFT_SET_ASIDE = said.text("draft.unusable_set_aside", "problem", "path")

        #: The age question's answer is under 18: no plan. {age}: the answer.
        self.NOT_FOR_CHILDREN = said.text("refused.under_18", "age")

        #: The start of a check-in. {date}: the earlier plan's date.
        self.CHECK_IN_INTRO = said.texts("check_in.intro", "date")

        #: The last screen: what to do now, by tier; where the plan is; what to do with it.
        self.NOW = {tier: said.text(f"now.{tier}") for tier in _TIERS}
        self.WROTE = said.text("wrote.file", "path")
        self.WROTE_STDOUT = said.text("wrote.stdout")
        self.NEXT = {tier: said.text(f"next.{tier}") for tier in _TIERS}
        self.REVIEW_ON = said.text("wrote.review_on", "date")
        self.UNPRINTABLE = said.text("wrote.unprintable", "missing")
        #: The same note in the batch report, after the answers file's {label}.
        self.UNPRINTABLE_BATCH = said.text("wrote.batch_unprintable", "label", "missing")
        said.finish()


@functools.cache
def in_language(language: str) -> TerminalWords:
    """The terminal's words in `language`, read once."""
    return TerminalWords(language)


_speaking = in_language(words.DEFAULT_LANGUAGE)


def use(language: str) -> None:
    """Speak `language` from now on: the command line chooses it once, before the first
    question (the questions, prompts and last lines all read it from here)."""
    global _speaking
    _speaking = in_language(words.check_language(language))


def use_default() -> None:
    """Speak the default language: where each run of careplan starts, before its command line
    chooses (a batch's report stays in it)."""
    use(words.DEFAULT_LANGUAGE)


def __getattr__(name: str) -> Any:
    # INTRO, COUNTER, YES...: the words of the language spoken now.
    return getattr(_speaking, name)


if TYPE_CHECKING:
    # What `__getattr__` gives: the names of TerminalWords, for the type checker.
    LANGUAGE: str
    INTRO: tuple[str, ...]
    COUNTER: str
    BACK_HINT: str
    HOW_TO_CHOOSE: str
    MORE_ABOVE: str
    MORE_BELOW: str
    HOW_TO_TICK: str
    HOW_TO_CONFIRM: dict[bool, str]
    YES: str
    NO: str
    LEFT_BLANK: str
    TYPED_PROMPT: str
    NONE_OF_THESE: str
    NOTHING_TICKED: dict[str, str]
    NOTHING_TICKED_OTHER: str
    NONE_AND_OTHERS: str
    WHOLE_NUMBER: str
    TOO_LONG: str
    NOT_PLAIN: str
    REVIEW_QUESTION: str
    NOT_FOR_CHILDREN: str
    REVIEW_DONE: str
    REVIEW_ANSWER: str
    CANCELLED: str
    SAVED_ONE: str
    SAVED_MANY: str
    NOT_SAVED: str
    RESUME: dict[int, str]
    RESUME_WHEN: str
    RESUME_CONTINUE: str
    RESUME_START_OVER: str
    NOT_KEPT: str
    DRAFT_UNUSABLE: str
    DRAFT_SET_ASIDE: str
    CHECK_IN_INTRO: tuple[str, ...]
    NOW: dict[str, str]
    WROTE: str
    WROTE_STDOUT: str
    NEXT: dict[str, str]
    REVIEW_ON: str
    UNPRINTABLE: str
    UNPRINTABLE_BATCH: str
