# ruff: noqa: E501
"""English that may stay in careplan's Python code, file by file, and why.

Everything else a person reads is in careplan/content/<language>/. Messages about bad input
may stay in English (issue 18), and are recognised where they are raised or collected as
problems (tests/english_scan.py); the ones below are built elsewhere in their modules.
Entries marked NOT YET MOVED are words a person reads that are still to move into the
content library. Remove an entry when its text leaves the code; never add a sentence a
person reads.
"""

from __future__ import annotations

ALLOWED: dict[str, frozenset[str]] = {
    # the answers format: field descriptions for --schema, and the messages about a bad answers
    # file
    "careplan/answers.py": frozenset(
        {
            ' (did you mean "',
            " (made by a different version of careplan)",
            " (not a number JSON allows)",
            " (that is a plan record, plan.json; give the answers, answers.json)",
            " (write it without a decimal point)",
            " (write the number without quotes)",
            " (write true or false without quotes)",
            " MB is too large for ",
            " objects (may be empty)",
            "(document): expected a JSON object, got ",
            "3 or more alcoholic drinks most days",
            "a date YYYY-MM-DD",
            "a deeply nested ",
            "a list of at most ",
            "a list of exercise ids (may be empty)",
            "a list of words (may be empty)",
            "a normal day",
            "a whole number ",
            "age in years",
            "an answers file",
            "can get down to the floor and back up safely",
            "check_ins: expected at least one check-in when first_plan is given",
            "days of the last 7 the exercises were done",
            "days since it started (0 = today)",
            "exercises of the earlier plan that made the pain worse",
            "first_plan: expected together with check_ins (both are written by --check-in)",
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
            "the language of the questions and the plan",
            "the language of the clinician's part, when it differs from the plan's",
            ": not available yet (careplan writes in ",
            "the questionnaire stopped at an emergency answer",
            "true or false",
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
    # messages about bad input files, and the batch report for the clinic
    "careplan/batch.py": frozenset(
        {
            "a link to a file that does not exist",
            "cannot read it: ",
            "careplan: please report this; set CAREPLAN_DEBUG=1 to see the details\n",
            "more than 1 MB is too large for one line",
            "the process making it stopped unexpectedly",
        }
    ),
    # messages about a bad check-in file
    "careplan/intake/checkin.py": frozenset(
        {
            "(document): expected a JSON object, got ",
        }
    ),
    # the command line's help, and its messages about bad use
    "careplan/cli.py": frozenset(
        {
            "\ncareplan: please report this; set CAREPLAN_DEBUG=1 to see the details\n",
            "Make a printed care plan for a back muscle spasm. With no --answers or --from, careplan asks you short questions in the terminal.",
            "a folder of answers files or a JSON Lines file",
            "also save the answers as JSON",
            "careplan: interactive session required: use --answers FILE\n",
            "check in: how it went since PLAN.pdf, then the next plan (with --answers: a careplan-checkin/1 file)",
            "larger text and figures",
            "the language of the questions and the plan (default: the answers', else the locale's)",
            "the language of the clinician's part: therapist's page, log and sources (default: the plan's)",
            "print the JSON Schema of the answers format",
            "re-make a plan from an earlier PDF",
            "read the answers from FILE (- for standard input)",
            "replace files that exist",
            "where to write the plan",
            "with --batch: the folder for the PDFs",
        }
    ),
    # a word of the content library's own problem messages
    "careplan/content/__init__.py": frozenset(
        {
            "source short name",
        }
    ),
    # why a draft file cannot be used (shown inside terminal.toml's draft sentences)
    "careplan/intake/drafts.py": frozenset(
        {
            "cannot be read (",
            "it is a link, not a file",
            "made by another version of careplan",
            "no home folder (HOME is not set)",
            "not a careplan draft",
            "not an ordinary file",
        }
    ),
    # the drawings' geometric checker: a developer tool
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
    # messages about a file that cannot be written
    "careplan/files.py": frozenset(
        {
            "cannot write it",
            "is a folder; give a file name",
            "not allowed to write there",
            "not an ordinary file",
            "part of the path is not a folder",
            "the disk is full",
            "the disk is read-only",
            "the disk quota is used up",
            "the disk reported an error",
            "the file is too large for this disk",
            "the folder does not exist",
            "the name is too long",
        }
    ),
    # font names
    "careplan/render/html.py": frozenset(
        {
            "Atkinson Hyperlegible Ext",
            "Noto Sans Greek Cyrillic",
        }
    ),
    # messages about a bad plan PDF
    "careplan/intake/reread.py": frozenset(
        {
            " MB is too large for a careplan plan (at most ",
            ": the answers inside it (",
            "a careplan PDF",
        }
    ),
    # a message about a bad when-table
    "careplan/rules.py": frozenset(
        {
            " needs a list of item ids",
        }
    ),
}
