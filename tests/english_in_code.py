# ruff: noqa: E501
"""English that may stay in careplan's Python code outside careplan/messages.py, and why.

Everything a person reads is in careplan/content/<language>/. Messages about bad input (and
about a bug in careplan's own data) stay in English (issue 18), all in one module:
careplan/messages.py (MESSAGES), which the test leaves out. What stays below is not a
message: the answers format's field descriptions (--schema), the command line's --help, the
drawing checker's findings (a developer tool) and font names. Remove an entry when its text
leaves the code; never add a sentence a person reads, nor a message (put it in MESSAGES).
"""

from __future__ import annotations

#: The one module where messages about bad input live, in English.
MESSAGES = "careplan/messages.py"

ALLOWED: dict[str, frozenset[str]] = {
    # the answers format: each field's description, in the JSON Schema that --schema prints
    # and in docs/answers-format.md; written beside the field it describes
    "careplan/answers.py": frozenset(
        {
            "3 or more alcoholic drinks most days",
            "a normal day",
            "age in years",
            "can get down to the floor and back up safely",
            "days of the last 7 the exercises were done",
            "days since it started (0 = today)",
            "exercises of the earlier plan that made the pain worse",
            "how much it gets in the way of daily activities, 0-10",
            "how well the goal activity can be done now, 0-10",
            "how well the goal activity can be done now: 0 not at all, 10 as well as before the pain",
            "medicines taken now",
            "pain or tingling spreading into a leg",
            "pain or tingling spreading into a leg now",
            "pain right now at the first plan, 0-10",
            "pain right now, 0-10",
            "printed on the plan",
            "the back pain",
            "the check-ins so far, oldest first (written by --check-in)",
            "the day of the check-in, YYYY-MM-DD",
            "the day the first plan was made, YYYY-MM-DD",
            "the first plan's exercise stage",
            "the language of the clinician's part, when it differs from the plan's",
            "the language of the questions and the plan",
            "the questionnaire stopped at an emergency answer",
            "warning signs now present",
            "weeks of pregnancy (required when pregnant)",
            "weighs under 50 kg (paracetamol dosing caution)",
            "what set it off",
            "what the person wants to get back to",
            "where the check-ins started: the first plan's date, pain and stage (with check_ins)",
            "where the pain is: lower back, mid back, or upper back",
            "worst pain in the last 24 hours, 0-10",
        }
    ),
    # the command line's --help: each option's line, beside the option
    "careplan/cli.py": frozenset(
        {
            "Make a printed care plan for a back muscle spasm. With no --answers or --from, careplan asks you short questions in the terminal.",
            "a folder of answers files or a JSON Lines file",
            "also save the answers as JSON",
            "check in: how it went since PLAN.pdf, then the next plan (with --answers: a careplan-checkin/1 file)",
            "larger text and figures",
            "print the JSON Schema of the answers format",
            "re-make a plan from an earlier PDF",
            "read the answers from FILE (- for standard input)",
            "replace files that exist",
            "the language of the clinician's part: therapist's page, log and sources (default: the plan's)",
            "the language of the questions and the plan (default: the answers', else the locale's)",
            "where to write the plan",
            "with --batch: the folder for the PDFs",
        }
    ),
    # the drawings' geometric checker and its expect.toml: a developer tool, whose findings
    # are its output
    "careplan/figures/check.py": frozenset(
        {
            " above the floor and every prop",
            " above what it rests on, not ",
            " at the waist; it should ",
            " below the floor",
            " caption is too long to fit: ",
            " degrees between the panels, not ",
            " degrees from the viewer, not ",
            " is detached from the ",
            " is detached from the pelvis",
            " is detached from the rest of its limb",
            " panel spills over its sides (",
            " should be on the ",
            " should rest on something but is ",
            " through the trunk",
            ", not near it",
            ", not on it",
            ", which is not drawn",
            ".change: unknown joint or movement ",
            ".sag: start or end, not ",
            ": expected a list of point names, got ",
            ": expected a table",
            ": the back sags ",
            ": the chest faces ",
            "no arrow is at the ",
            "the arrow covers the ",
            "the arrow is ",
            "the body floats ",
            "the body has ",
            "the card names a ",
            "the chair back should reach ",
            "the end pose hardly differs from the start (",
            "the head is detached from the neck",
        }
    ),
    # font names
    "careplan/render/html.py": frozenset(
        {
            "Atkinson Hyperlegible Ext",
            "Noto Sans Greek Cyrillic",
        }
    ),
}
