"""Every message careplan prints about a problem, in one place, in English.

Mostly bad input: the lines careplan prints when an answers file, a check-in file, a plan's
PDF, a draft, a command-line value or a place to write is not right; each is one line,
printed after "careplan: " with exit status 2, and names the file or field it is about. At
the end, the problems of careplan's own data (the content library, the words of a language,
the exercises, the poses) and of the renderer: a bug, exit status 1, for developers.

These are for the person who runs careplan, a clinic or a developer, not the words of the
questions or of the plan (those are in careplan/content/<language>/). The modules that find
a problem call these; no other Python file holds English sentences (tests/test_words.py).
A function's arguments are filled in as given: file names and values are made printable by
the caller (`careplan.answers.printable`).
"""

from __future__ import annotations

import errno
from dataclasses import dataclass

# ---- values and fields of an answers or check-in file -----------------------------------


def a_whole_number(minimum: int, maximum: int) -> str:
    return f"a whole number {minimum}-{maximum}"


TRUE_OR_FALSE = "true or false"


def text_of(min_length: int, max_length: int | None) -> str:
    return f"text of {min_length}-{max_length} characters"


def one_of(words: str) -> str:
    return f"one of {words}"


A_LIST_OF_WORDS = "a list of words (may be empty)"
AN_OBJECT = "an object"
A_DATE = "a date YYYY-MM-DD"
A_LIST_OF_EXERCISE_IDS = "a list of exercise ids (may be empty)"


def a_list_of_objects(most: int | None) -> str:
    return f"a list of at most {most} objects (may be empty)"


def not_a_json_number(name: str) -> str:
    """How a value JSON cannot hold (NaN, Infinity) is shown."""
    return f"{name} (not a number JSON allows)"


def deeply_nested(kind: str) -> str:
    """How a value too deeply nested to show is shown."""
    return f"a deeply nested {kind}"


def did_you_mean(word: str) -> str:
    return f' (did you mean "{word}"?)'


WRITE_TRUE_OR_FALSE = " (write true or false without quotes)"
WRITE_THE_NUMBER = " (write the number without quotes)"
WRITE_NO_DECIMAL_POINT = " (write it without a decimal point)"
A_PLAN_RECORD = " (that is a plan record, plan.json; give the answers, answers.json)"
ANOTHER_VERSION = " (made by a different version of careplan)"


def expected(path: str, what: str, got: str, hint: str = "") -> str:
    return f"{path}: expected {what}, got {got}{hint}"


def expected_length(path: str, what: str, length: int) -> str:
    return f"{path}: expected {what}, got {length} characters"


def unknown_word(path: str, got: str, hint: str) -> str:
    return f"{path}: unknown word {got}{hint}"


def listed_twice(path: str, got: str) -> str:
    return f"{path}: {got} is listed twice"


def expected_exercise_id(path: str, got: str) -> str:
    return f"{path}: expected an exercise id, got {got}"


def unknown_field(path: str, hint: str) -> str:
    return f"{path}: unknown field{hint}"


def missing(path: str, what: str) -> str:
    return f"{path}: missing; expected {what}"


def not_an_object(got: str) -> str:
    return f"(document): expected a JSON object, got {got}"


def given_twice(path: str) -> str:
    return f"{path}: given more than once; expected each field once"


def field_problem(path: str, problem: str) -> str:
    return f"{path}: {problem}"


PREGNANCY_WEEKS_MISSING = "pregnancy_weeks: missing; expected a whole number 1-45 when pregnant"
PREGNANCY_WEEKS_NOT_PREGNANT = 'pregnancy_weeks: given, but "pregnant" is false'
FIRST_PLAN_ALONE = "first_plan: expected together with check_ins (both are written by --check-in)"
NO_CHECK_INS = "check_ins: expected at least one check-in when first_plan is given"


def only_when_pregnant(path: str, word: str) -> str:
    return f'{path}: "{word}" is only for a pregnant person'


def language_not_yet(name: str, language: str, languages: str) -> str:
    return f"{name}: {language}: not available yet (careplan writes in {languages})"


def check_in_before_plan(index: int, day: str, before: str) -> str:
    return f"check_ins[{index}].date: {day} is before the plan it follows ({before})"


def not_for_children(age: int) -> str:
    """Under 18: no plan, and whom to see instead."""
    return (
        f"careplan is for adults, and you told us you are {age}. "
        "Back pain in children and teenagers needs a doctor, nurse or physical therapist "
        "to check it: please see one, and take a parent or carer with you."
    )


# ---- reading a file: answers, a check-in, a plan's PDF ------------------------------------

STANDARD_INPUT = "standard input"


@dataclass(frozen=True)
class FileKind:
    """A kind of input file as the messages name it: what it is, that with its article, and
    whether it may come from a pipe (`--answers -`)."""

    what: str
    named: str
    from_a_pipe: bool = False


ANSWERS_FILE = FileKind("answers file", "an answers file", from_a_pipe=True)
CHECK_IN_FILE = FileKind("check-in file", "a check-in file")
PLAN_PDF = FileKind("PDF", "a careplan PDF")
DRAFT = FileKind("draft", "a draft")


def in_file(source: str, line: str) -> str:
    """A problem's line with the file it was found in."""
    return f"{source}: {line}"


def too_large(size: int, kind: str) -> str:
    return f"{size / (1 << 20):.1f} MB is too large for {kind} (at most 1 MB)"


def plan_too_large(size: int, most: int) -> str:
    return f"{size / (1 << 20):.0f} MB is too large for a careplan plan (at most {most} MB)"


def standard_input_too_large(kind: str) -> str:
    return f"standard input: more than 1 MB is too large for {kind}"


def not_valid_json(source: str, message: str, line: int, column: int) -> str:
    return f"{source}: not valid JSON: {message} at line {line}, column {column}"


def nested_too_deeply(source: str) -> str:
    return f"{source}: not an answers file: nested too deeply"


def huge_number(source: str) -> str:
    return f"{source}: not valid answers: a number with thousands of digits"


def utf16(source: str) -> str:
    return f"{source}: saved as UTF-16 text; save it as UTF-8"


def not_utf8(source: str, byte: int) -> str:
    return f"{source}: not a text file (expected UTF-8 JSON; byte {byte} is not UTF-8)"


def no_such_file(shown: str) -> str:
    return f"{shown}: no such file"


def is_a_folder_not(shown: str, kind: str) -> str:
    return f"{shown}: is a folder, not {kind}"


def not_allowed_to_read(shown: str) -> str:
    return f"{shown}: not allowed to read it"


def cannot_read(shown: str, reason: str) -> str:
    return f"{shown}: {cannot_read_it(reason)}"


def cannot_read_it(reason: str) -> str:
    return f"cannot read it: {reason}"


IS_A_FOLDER = "is a folder"


def not_ordinary_input(shown: str, kind: FileKind) -> str:
    return (
        f"{shown}: not an ordinary file (a pipe, device or socket); give an {kind.what} saved "
        "on disk" + (", or use --answers - to read from a pipe" if kind.from_a_pipe else "")
    )


def not_a_check_in(source: str) -> str:
    return f"{source}: not a check-in file"


def not_a_pdf(shown: str) -> str:
    return f"{shown}: not a PDF file (expected a careplan plan)"


def pdf_end_missing(shown: str) -> str:
    return f"{shown}: a damaged or incomplete PDF (its end is missing)"


def damaged_pdf(shown: str) -> str:
    return f"{shown}: a damaged PDF that cannot be read"


def encrypted_pdf(shown: str) -> str:
    return (
        f"{shown}: an encrypted (password-protected) PDF; careplan plans are never "
        "encrypted: give the plan as careplan wrote it"
    )


def attachments_named(shown: str, count: int, name: str) -> str:
    return (
        f"{shown}: has {count} attachments named {name}; a careplan plan "
        "has one, so careplan cannot tell which is meant"
    )


def attachment_filter(name: str) -> str:
    """Why an attachment is not unpacked (said as "a damaged PDF")."""
    return f"an attachment stored with {name}"


ATTACHMENT_PARAMETERS = "an attachment stored with decoding parameters"


def not_a_plan(shown: str, name: str) -> str:
    return f"{shown}: not a careplan plan (it has no {name} inside)"


def answers_inside(path: str, name: str) -> str:
    """The source named in the lines about the answers inside a plan's PDF."""
    return f"{path}: the answers inside it ({name})"


def answers_inside_too_large(shown: str) -> str:
    return f"{shown}: the answers inside it are too large (more than 1 MB)"


def answers_inside_not_utf8(source: str) -> str:
    return f"{source} are damaged: not UTF-8 text"


def record_damaged(shown: str, name: str) -> str:
    return f"{shown}: its {name} is damaged"


def record_not_a_plan(shown: str, name: str) -> str:
    return f"{shown}: not a careplan plan (its {name} is not a plan)"


def record_without_exercises(shown: str, name: str) -> str:
    return f"{shown}: its {name} is damaged (no date or exercises)"


def emergency_plan_check_in(shown: str) -> str:
    return (
        f"{shown}: an emergency plan has no check-in; get help as it says, then answer "
        "all the questions with careplan"
    )


def check_in_before(day: str, created: str) -> str:
    return f"date: {day} is before the plan it follows ({created}); expected that day or later"


def check_in_in_future(day: str, today: str) -> str:
    return f"date: {day} is in the future (today is {today})"


def not_in_the_plan(index: int, got: str, listed: str) -> str:
    return f"made_worse[{index}]: {got} was not in the plan (its exercises: {listed})"


NONE = "none"


# ---- a draft that cannot be used (said inside terminal.toml's sentences) ------------------

NOT_A_DRAFT = "not a careplan draft"
DRAFT_OTHER_VERSION = "made by another version of careplan"
DRAFT_IS_A_LINK = "it is a link, not a file"
NOT_AN_ORDINARY_FILE = "not an ordinary file"
TOO_LARGE = "too large"
NO_HOME = "no home folder (HOME is not set)"


def draft_unreadable(reason: str) -> str:
    return f"cannot be read ({reason})"


def drafts_folder_is_a_link(folder: str) -> str:
    return f"{folder} is a link; drafts are kept in a real folder"


def drafts_folder_not_yours(folder: str) -> str:
    return f"{folder} belongs to someone else"


# ---- writing a file -------------------------------------------------------------------

#: Why a file cannot be written, by the system's error number.
WRITE_REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EFBIG: "the file is too large for this disk",
    errno.EACCES: "not allowed to write there",
    errno.EPERM: "not allowed to write there",
    errno.EROFS: "the disk is read-only",
    errno.ENOENT: "the folder does not exist",
    errno.ENOTDIR: "part of the path is not a folder",
    errno.EISDIR: "is a folder; give a file name",
    errno.ENAMETOOLONG: "the name is too long",
    errno.EIO: "the disk reported an error",
}
CANNOT_WRITE = "cannot write it"


def name_too_long(shown: str, most: int) -> str:
    return f"{shown}: the name is too long (at most {most} bytes)"


def path_too_long(shown: str) -> str:
    return f"{shown}: the path is too long"


def output_is_a_folder(shown: str) -> str:
    return f"{shown}: is a folder; give a file name for the plan"


def never_replaced(shown: str, link: bool) -> str:
    kind = "a link" if link else "not an ordinary file"
    return (
        f"{shown}: is {kind} (a device, pipe or link is never replaced, even with "
        "--force); give the name of an ordinary file"
    )


def already_exists(shown: str) -> str:
    return f"{shown}: already exists; use --force to replace it"


def folder_is_a_file(shown: str, folder: str) -> str:
    return f"{shown}: {folder} is a file, not a folder"


def is_a_file_not_a_folder(shown: str) -> str:
    return f"{shown}: is a file, not a folder"


def no_such_folder(shown: str, folder: str) -> str:
    return f"{shown}: the folder {folder} does not exist"


def not_allowed_to_write_in(shown: str, folder: str) -> str:
    return f"{shown}: not allowed to write in {folder}"


# ---- batch mode -----------------------------------------------------------------------

LINK_TO_NOTHING = "a link to a file that does not exist"
LINE_TOO_LARGE = "more than 1 MB is too large for one line"
TOO_LARGE_OR_NESTED = "not an answers file: too large or too deeply nested"
WORKER_STOPPED = "the process making it stopped unexpectedly"


def no_answers_files(shown: str) -> str:
    return f"{shown}: no .json answers files in this folder"


def no_such_file_or_folder(shown: str) -> str:
    return f"{shown}: no such file or folder"


def not_ordinary_batch(shown: str) -> str:
    return (
        f"{shown}: not an ordinary file (a pipe, device or socket); give a folder of "
        "answers files or a JSON Lines file saved on disk"
    )


def same_plan_name(label: str, other: str, name: str) -> str:
    return (
        f"{label}: its plan would have the same name as the plan of {other} ({name}); "
        "rename one of them"
    )


def internal_error_of(label: str, problem: str) -> str:
    return f"{label}: internal error: {problem}"


def batch_wrote_one(done: int, total: int, shown: str) -> str:
    return f"[{done}/{total}] wrote {shown}"


def batch_wrote(written: int, total: int, shown: str) -> str:
    return f"Wrote {written} of {total} plans to {shown}."


def batch_stopped(written: int, total: int, shown: str) -> str:
    return f"Stopped: wrote {written} of {total} plans to {shown}."


# ---- the command line -------------------------------------------------------------------

CHECK_IN_AND_FROM = "--check-in and --from: give one earlier plan, with one of them"
BATCH_AND_CHECK_IN = (
    "--batch does not take check-ins: run careplan --check-in PLAN.pdf for each plan"
)
OUT_DIR_WITHOUT_BATCH = "--out-dir goes with --batch"
JOBS_WITHOUT_BATCH = "--jobs goes with --batch"
BATCH_WITHOUT_OUT_DIR = "--batch needs --out-dir DIR"
BATCH_AND_OUTPUT = "--batch writes one file per input into --out-dir: drop -o/--save-answers"
JOBS_BELOW_ONE = "--jobs must be 1 or more"
NEEDS_TERMINAL = "interactive session required: use --answers FILE"
CHECK_IN_NEEDS_TERMINAL = (
    "interactive session required: use --check-in PLAN.pdf --answers CHECKIN.json"
)
STDOUT_NEEDS_INPUT = "-o - needs --answers FILE or --from PLAN.pdf: the questions need the terminal"
STDOUT_AND_STDIN = "-o - and --answers - cannot both use standard input and output"
STDOUT_IS_A_TERMINAL = "-o -: standard output is a terminal; redirect it to a file or a pipe"
STDOUT_NOT_BINARY = "-o -: standard output cannot take binary data here"


def see_help(problem: str) -> str:
    """A problem found by the command line's parser (argparse says it in its own words)."""
    return f"{problem} (see careplan --help)"


def option(line: str) -> str:
    """A problem with a command-line value, named as its option."""
    return f"--{line}"


def output_is_input(shown: str) -> str:
    return f"{shown}: is the input file; choose another name with -o"


def saved_answers_is_input(shown: str) -> str:
    return f"{shown}: is the input file; choose another name"


def plan_and_saved_answers(shown: str) -> str:
    return f"{shown}: given for both the plan and --save-answers"


def bad_source_date_epoch(got: str) -> str:
    return f"SOURCE_DATE_EPOCH: expected seconds since 1970 (up to year 9999), got {got}"


# ---- what careplan prints on standard error: each line starts with "careplan: " ---------


def line(text: str) -> str:
    """One message as printed on standard error."""
    return f"careplan: {text}\n"


def internal_error(kind: str, error: str) -> str:
    return f"internal error: {kind}: {error}"


PLEASE_REPORT = "please report this; set CAREPLAN_DEBUG=1 to see the details"


# ---- careplan's own data: a bug, exit status 1, for developers ----------------------------
# The content library, the words of a language, the poses and the exercises are checked as
# they are read; every problem is one line "file: key: problem", all listed at once.


def at(where: str, problem: str) -> str:
    """A problem with its place: a file, a key, or both ("exercises.toml: item[3].kind")."""
    return f"{where}: {problem}"


MISSING = "missing"
UNKNOWN_KEY = "unknown key"
UNKNOWN_ID = "unknown key (no such id)"
EXPECTED_A_TABLE = "expected a table"
EXPECTED_TABLES_WITH_IDS = "expected a list of tables, each with an id"
NO_PLACEHOLDERS = "no placeholders"
NEEDS_PARAGRAPHS = "needs paragraphs or bullets"
MUST_NOT_BE_EMPTY = "must not be empty"
READS_ON_FROM_BECAUSE = "should read on from 'because': lower case, no full stop"
ROW_OR_DAYS = "a routine row is every day; a change has days, no row"
EXPECTED_ABOVE_ZERO = "expected a whole number above 0"


def not_valid_toml(error: object) -> str:
    return f"not valid TOML: {error}"


def also_in(data_file: str) -> str:
    return f"also in {data_file} (words go in one, data in the other)"


def got(what: str, value: object) -> str:
    """Expected `what` ("text", "a table"), with the value found instead."""
    return f"expected {what}, got {value!r}"


def expected_text(value: object) -> str:
    return got("non-empty text", value)


def expected_texts(value: object) -> str:
    return got("a list of non-empty text", value)


def unknown_placeholder(item: object) -> str:
    return f"unknown placeholder in {item!r}"


def unknown_language(language: str, languages: str) -> str:
    return f"language {language!r}: expected one of {languages}"


def unknown(what: str, value: object) -> str:
    """An unknown key, tier, kind or field: `what` names it."""
    return f"unknown {what} {value!r}"


def day_numbers(days: object) -> str:
    return f"expected a list of day numbers 1-7, got {days!r}"


def not_a_row(row: str, rows: object) -> str:
    return f"{row!r} is not a row of {rows}"


def missing_table(key: str) -> str:
    return f"missing [{key}]"


def cites_unknown(short: str, sources_file: str) -> str:
    return f"cites {short!r}, which is not in {sources_file}"


def slot_uses_unknown(use: str) -> str:
    return f"slot uses unknown item {use!r}"


def used_twice(what: str, value: str) -> str:
    return f"{what} {value!r} is used twice"


SOURCE_SHORT_NAME = "source short name"


def should_be_text(where: str) -> str:
    return f"{where} should be text"


def should_be_texts(where: str) -> str:
    return f"{where} should be a list of text"


def unknown_sources(sources: object) -> str:
    return f"the plan cites sources not in sources.toml: {sources}"


def needs_item_ids(where: str) -> str:
    return f"{where} needs a list of item ids"


def should_be_one_of(choices: object) -> str:
    return f"should be one of {choices}"


def should_be_some_of(choices: object) -> str:
    return f"should be some of {choices}"


def no_usual_stop_words(names: object) -> str:
    return f"no [stop_words_usual] for {names}"


EXPECTED_TEXT = "expected text"
A_LIST_OF_TABLES = "a list of tables"
A_LIST_OF_POINT_NAMES = "a list of point names"


def not_its_base_exercise(family: str) -> str:
    return f"{family!r} is not its base exercise"


def floor_flag_mismatch(position: str) -> str:
    return f"floor flag does not match position {position!r}"


LIES_ON_BACK_MISMATCH = "lies_on_back flag does not match its position"


def not_flagged(flag: str) -> str:
    return f"it is not flagged {flag}"


VERSIONS_LEAD_BACK = "its versions lead back to it"
NOT_AN_ADAPTATION = "not an adaptation"
NOT_A_USUAL_STOP_WORD = "not in [stop_words_usual]"
IN_NO_STOP_RULE = "in no exercise's stop rule"


def is_missing(value: str) -> str:
    return f"{value!r} is missing"


def no_programme_for(where: str) -> str:
    return f"none for pain.where = {where!r}"


def more_than(most: int, what: str) -> str:
    return f"more than {most} {what}"


def does_not_suit(exercise_id: str) -> str:
    return f"{exercise_id!r} is unknown or does not suit it"


NEEDS_A_REASON = "needs a reason, to print after 'because'"

# ---- the renderer -----------------------------------------------------------------------


def refused_url(url: str) -> str:
    return f"careplan does not load {url!r}"


def not_an_asset(url: str) -> str:
    return f"{refused_url(url)}: not one of its own assets"


def installed_without(folder: str) -> str:
    return f"careplan is installed without its {folder}/ folder"


def renderer_failed(kind: str, error: object) -> str:
    return f"cannot prepare the PDF renderer: {kind}: {error}"


# ---- the poses of the drawings --------------------------------------------------------

START_OR_END = "start or end"


def kind_must_be(kinds: str) -> str:
    return f"kind must be one of {kinds}"


def needs(what: str) -> str:
    return f"needs {what}"


def unknown_names(names: str) -> str:
    return f"unknown {names}"
