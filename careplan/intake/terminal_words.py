"""Every sentence the terminal conversation says around the questions, in one table.

The words are in careplan/content/<language>/terminal.toml (the questions' own in
questions.toml); this module reads them once, in the terminal's language, under the names the
code uses. Placeholders in braces are filled in where the sentence is said.
"""

from __future__ import annotations

from careplan import words

_said = words.reader(words.DEFAULT_LANGUAGE, "terminal")

#: The first paragraphs on the screen. {count}: how many questions at most; {path}: the plan.
INTRO = _said.texts("intro", "count", "path")

#: Shown above each question.
COUNTER = _said.text("counter", "number", "total")
BACK_HINT = _said.text("back_hint")

#: How to answer, by kind of question.
HOW_TO_CHOOSE = _said.text("how_to_choose")
HOW_TO_TICK = _said.text("how_to_tick")
HOW_TO_CONFIRM = {
    True: _said.text("how_to_confirm_yes"),
    False: _said.text("how_to_confirm_no"),
}
YES = _said.text("yes")
NO = _said.text("no")
LEFT_BLANK = _said.text("left_blank")
TYPED_PROMPT = _said.text("typed_prompt")

#: The choice every tick-list ends with, and the refusals of a tick-list, by question key.
NONE_OF_THESE = _said.text("none_of_these")
NOTHING_TICKED = {
    key: _said.text(f"nothing_ticked.{key}") for key in ("symptoms", "conditions", "medicines")
}
NOTHING_TICKED_OTHER = _said.text("nothing_ticked_other")
NONE_AND_OTHERS = _said.text("none_and_others")

#: One wording per rule for typed answers.
WHOLE_NUMBER = _said.text("typed.whole_number", "minimum", "maximum")
TOO_LONG = _said.text("typed.too_long", "maximum")
NOT_PLAIN = _said.text("typed.not_plain", "problem")

#: The review of the answers before the plan is made.
REVIEW_QUESTION = _said.text("review.question")
REVIEW_DONE = _said.text("review.done")
REVIEW_ANSWER = _said.text("review.answer", "short", "answer")
REVIEW_KEY = "review"

#: Ctrl-C. {count}: the answers kept in the draft.
CANCELLED = _said.text("cancelled.said")
SAVED_ONE = _said.text("cancelled.saved_one")
SAVED_MANY = _said.text("cancelled.saved_many", "count")
NOT_SAVED = _said.text("cancelled.not_saved")

#: An unfinished questionnaire: {when} it stopped, {count} answers kept.
RESUME = {
    1: _said.text("resume.question_one", "when", "count"),
    2: _said.text("resume.question_many", "when", "count"),
}
RESUME_CONTINUE = _said.text("resume.continue")
RESUME_START_OVER = _said.text("resume.start_over")
NOT_KEPT = _said.text("resume.not_kept", "reason")
DRAFT_UNUSABLE = _said.text("draft.unusable", "problem")
DRAFT_SET_ASIDE = _said.text("draft.unusable_set_aside", "problem", "path")

#: The start of a check-in. {date}: the earlier plan's date.
CHECK_IN_INTRO = _said.texts("check_in.intro", "date")

#: The last screen: what to do now, by tier; where the plan is; what to do with it.
_TIERS = ("emergency", "urgent", "soon", "routine", "self_care")
NOW = {tier: _said.text(f"now.{tier}") for tier in _TIERS}
WROTE = _said.text("wrote.file", "path")
WROTE_STDOUT = _said.text("wrote.stdout")
NEXT = {tier: _said.text(f"next.{tier}") for tier in _TIERS}
REVIEW_ON = _said.text("wrote.review_on", "date")
UNPRINTABLE = _said.text("wrote.unprintable", "missing")
#: The same note in the batch report, after the answers file's {label}.
UNPRINTABLE_BATCH = _said.text("wrote.batch_unprintable", "label", "missing")

_said.finish()
