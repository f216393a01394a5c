"""Every sentence the terminal conversation says around the questions, in one table.

The questions and their choices are in careplan/questions.py; these are the words around them:
hints, refusals, the review, the last screen. Kept apart from the logic so they can move into a
data file (and other languages) without touching the code.
"""

from __future__ import annotations

#: The first paragraphs on the screen. {count}: how many questions at most; {path}: the plan.
INTRO = (
    "careplan: a care plan for a back muscle spasm.",
    "First your age, then the warning signs that need a doctor, then your back, your health "
    "and your day: up to {count} short questions. Press Esc to go back a question; you can "
    "check every answer before your plan is made.",
    "Your plan will be written to {path}.",
)

#: Shown above each question.
COUNTER = "Question {number} of {total}"
BACK_HINT = "Esc: go back"

#: How to answer, by kind of question.
HOW_TO_CHOOSE = "Use the Up and Down arrows, then press Enter."
HOW_TO_TICK = "Up and Down arrows to move, Space to tick, Enter when done."
HOW_TO_CONFIRM = {
    True: "Press y for yes or n for no (Enter: yes).",
    False: "Press y for yes or n for no (Enter: no).",
}
YES = "Yes"
NO = "No"
LEFT_BLANK = "(left blank)"
TYPED_PROMPT = "> "

#: The choice every tick-list ends with, and the refusals of a tick-list, by question key.
NONE_OF_THESE = "None of these"
NOTHING_TICKED = {
    "symptoms": "Tick the signs you have, or 'None of these'.",
    "conditions": "Tick the conditions you have, or 'None of these'.",
    "medicines": "Tick the medicines you take, or 'None of these'.",
}
NOTHING_TICKED_OTHER = "Tick the ones that apply, or 'None of these'."
NONE_AND_OTHERS = "You ticked 'None of these' and something else: untick one of them."

#: One wording per rule for typed answers.
WHOLE_NUMBER = "Type a whole number from {minimum} to {maximum}."
TOO_LONG = "Keep it to {maximum} characters or fewer."
NOT_PLAIN = "Use plain text only: it {problem}."

#: The review of the answers before the plan is made.
REVIEW_QUESTION = "Here are your answers. Choose one to change it, or make your plan."
REVIEW_DONE = "These are right: make my plan"
REVIEW_KEY = "review"

#: Ctrl-C. {count}: the answers kept in the draft.
CANCELLED = "careplan: cancelled."
SAVED_ONE = "Your 1 answer is saved. Run careplan again to carry on."
SAVED_MANY = "Your {count} answers are saved. Run careplan again to carry on."
NOT_SAVED = "Your answers could not be saved."

#: The last screen: what to do now, by tier; where the plan is; what to do with it.
NOW = {
    "emergency": (
        "IMPORTANT: your answers include a warning sign. Call emergency services or go to "
        "the emergency department now. Do not drive yourself."
    ),
    "urgent": "Now: see a doctor today (urgent care, or a same-day appointment with your GP).",
    "soon": "Now: book a doctor's appointment within the next few days.",
    "routine": "Now: see a GP or physical therapist in the coming weeks; keep to your plan.",
    "self_care": "Now: you can look after this at home by following your plan.",
}
WROTE = "Wrote your plan to {path}"
WROTE_STDOUT = "Wrote your plan to standard output."
NEXT = {
    "emergency": "Next: get help first; take the plan with you only if it does not hold you up.",
    "urgent": "Next: print it and take it to the doctor.",
    "soon": "Next: print it, follow it, and take it to your appointment.",
    "routine": "Next: print it and take it to your physical therapist.",
    "self_care": "Next: print it and take it to your physical therapist.",
}
REVIEW_ON = "Look at it again on {date}."
UNPRINTABLE = (
    "Note: careplan's fonts do not have {missing}; on the plan they may show as empty boxes. "
    "Your answers keep them as you typed them."
)
