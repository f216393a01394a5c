"""The command line: arguments, the flow from answers to a written plan, and every exit status."""

from __future__ import annotations

import argparse
import functools
import json
import os
import signal
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from careplan import answers as answers_model
from careplan import messages
from careplan import plan as plan_model
from careplan.environment import GENERATOR, locale_language, locale_paper, today
from careplan.errors import Cancelled, CareplanError, NeedsTerminalError, UsageError
from careplan.intake import checkin as checkin_model
from careplan.intake import terminal_words as words

if TYPE_CHECKING:
    from careplan.plan import Plan
    from careplan.render.warm import Warmup

EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_BAD_INPUT = 2
EXIT_CANCELLED = 130


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(messages.see_help(message))


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for `careplan`, exactly as docs/command-line.md describes it."""
    parser = _Parser(
        prog="careplan",
        description=(
            "Make a printed care plan for a back muscle spasm. With no --answers or --from, "
            "careplan asks you short questions in the terminal."
        ),
    )
    source = parser.add_mutually_exclusive_group()
    source.add_argument(
        "--answers", metavar="FILE", help="read the answers from FILE (- for standard input)"
    )
    source.add_argument(
        "--from", dest="from_pdf", metavar="PLAN.pdf", help="re-make a plan from an earlier PDF"
    )
    source.add_argument(
        "--batch", metavar="INPUT", help="a folder of answers files or a JSON Lines file"
    )
    parser.add_argument(
        "--check-in",
        dest="check_in",
        metavar="PLAN.pdf",
        help="check in: how it went since PLAN.pdf, then the next plan (with --answers: a "
        "careplan-checkin/1 file)",
    )
    parser.add_argument("-o", dest="out", metavar="OUT", help="where to write the plan")
    parser.add_argument("--out-dir", metavar="DIR", help="with --batch: the folder for the PDFs")
    parser.add_argument(
        "--jobs", metavar="N", type=int, help="with --batch: worker processes (default: cores)"
    )
    parser.add_argument("--format", choices=("pdf", "html"), default="pdf", help="output format")
    parser.add_argument("--paper", choices=answers_model.PAPERS, help="paper size")
    parser.add_argument(
        "--language",
        choices=answers_model.LANGUAGE_CODES,
        help="the language of the questions and the plan (default: the answers', else the "
        "locale's)",
    )
    parser.add_argument(
        "--clinician-language",
        choices=answers_model.LANGUAGE_CODES,
        help="the language of the clinician's part: therapist's page, log and sources "
        "(default: the plan's)",
    )
    parser.add_argument(
        "--large-print", action="store_true", default=None, help="larger text and figures"
    )
    parser.add_argument("--save-answers", metavar="FILE", help="also save the answers as JSON")
    parser.add_argument("--force", action="store_true", help="replace files that exist")
    parser.add_argument(
        "--schema", action="store_true", help="print the JSON Schema of the answers format"
    )
    parser.add_argument("--version", action="version", version=GENERATOR)
    return parser


def _check_arguments(args: argparse.Namespace) -> None:
    problems = [messages.option(line) for line in answers_model.language_problems(args.language)]
    problems += [
        messages.option(line)
        for line in answers_model.language_problems(args.clinician_language, "clinician-language")
    ]
    if args.check_in is not None:
        if args.from_pdf is not None:
            problems.append(messages.CHECK_IN_AND_FROM)
        if args.batch is not None:
            problems.append(messages.BATCH_AND_CHECK_IN)
    if args.batch is None:
        if args.out_dir is not None:
            problems.append(messages.OUT_DIR_WITHOUT_BATCH)
        if args.jobs is not None:
            problems.append(messages.JOBS_WITHOUT_BATCH)
    else:
        if args.out_dir is None:
            problems.append(messages.BATCH_WITHOUT_OUT_DIR)
        if args.out is not None or args.save_answers is not None:
            problems.append(messages.BATCH_AND_OUTPUT)
        if args.jobs is not None and args.jobs < 1:
            problems.append(messages.JOBS_BELOW_ONE)
    if problems:
        raise UsageError(*problems)


def default_output(fmt: str, day: date) -> Path:
    """careplan-YYYY-MM-DD.pdf (or .html) in the current folder; the day's second plan is
    careplan-YYYY-MM-DD-2.pdf, and so on: a plan made earlier is never in the way."""
    first = Path(f"careplan-{day.isoformat()}.{fmt}")
    number = 1
    path = first
    while path.exists() or path.is_symlink():
        number += 1
        path = first.with_name(f"{first.stem}-{number}{first.suffix}")
    return path


def cancelled_lines(kept: int | None) -> list[str]:
    """What Ctrl-C says: cancelled, and how many answers wait for the next run."""
    lines = [words.CANCELLED]
    if kept is None:
        lines.append(words.NOT_SAVED)
    elif kept == 1:
        lines.append(words.SAVED_ONE)
    elif kept > 1:
        lines.append(words.SAVED_MANY.format(count=kept))
    return lines


@dataclass
class Session:
    """What the questionnaire of one run leaves for the rest of the run."""

    #: The draft it kept: removed once the plan is written, kept otherwise.
    draft: Path | None = None
    #: The warm-up it started: the plan it made ahead is used if it is the plan made.
    warmup: Warmup | None = None


def _plan_maker(day: date) -> Callable[[dict[str, Any]], Plan]:
    """Makes the plan of an answers document, for the warm-up to make ahead."""

    def plan_for(doc: dict[str, Any]) -> Plan:
        from careplan.decide.select import make_plan

        answers = answers_model.from_dict(doc)
        answers_model.check_adult(answers)
        return make_plan(answers, created=day, generator=GENERATOR)

    return plan_for


def start_warmup(day: date, guesses: Mapping[str, Any] | None = None) -> Warmup:
    """Start the warm-up of a questionnaire: the renderer made ready, and the plan of `day`
    made ahead from the answers so far, with `guesses` for questions without a default."""
    from careplan.intake import likely
    from careplan.render import warm

    return warm.start(
        _plan_maker(day), functools.partial(likely.completed, likely=dict(guesses or {}))
    )


def _interactive_answers(
    out_path: Path, session: Session, language: str | None
) -> answers_model.Answers:
    from careplan.intake import drafts, questions

    if not sys.stdin.isatty():
        raise NeedsTerminalError(messages.NEEDS_TERMINAL)
    # The questions are asked in the plan's language: --language, else the locale's.
    words.use(language or locale_language(os.environ))
    with questions.terminal_session() as screen:
        from careplan.intake import prompt

        shown = answers_model.printable(str(out_path))
        intro = [p.format(count=len(questions.QUESTIONS), path=shown) for p in words.INTRO]
        prompt.say(screen, intro)
        keeper = drafts.Keeper(drafts.draft_path(), screen)
        session.draft = keeper.path
        prompter = questions.Prompter()
        start = keeper.start(prompter)
        kept = len((start or {}).get("_asked", ()))

        def keep(doc: dict[str, object]) -> None:
            nonlocal kept
            keeper.keep(doc)
            kept = len(doc.get("_asked", ()))  # type: ignore[arg-type]

        # Rendering gets ready, and the likely plan is made, while the person answers.
        guesses = {"paper": locale_paper(os.environ), "language": words.LANGUAGE}
        warmup = session.warmup = start_warmup(today(), guesses)
        try:
            doc = questions.run(prompter, start=start, on_answer=warmup.follow(keep), out=screen)
        except KeyboardInterrupt as interrupt:
            signum = getattr(interrupt, "signum", signal.SIGINT)
            raise Cancelled(None if keeper.failed else kept, signum) from None
    return answers_model.from_dict(doc)


def _interactive_check_in(
    earlier: checkin_model.Earlier, day: date, session: Session, language: str | None
) -> answers_model.Answers:
    from careplan.intake import checkin_questions, drafts, questions

    if not sys.stdin.isatty():
        raise NeedsTerminalError(messages.CHECK_IN_NEEDS_TERMINAL)
    # A check-in asks in the language of the plan it follows, unless --language says.
    words.use(language or earlier.answers.words_in)
    with questions.terminal_session() as screen:
        when = plan_model.date_words(earlier.created, words.LANGUAGE)
        intro = (line.format(date=when) for line in words.CHECK_IN_INTRO)
        screen.write("".join(f"{line}\n" for line in intro))
        screen.flush()
        draft = checkin_questions.CheckInDraft(drafts.data_dir(), earlier.path, screen)
        session.draft = draft.path
        prompter = questions.Prompter()
        start = draft.start(prompter)
        doc, emergency = checkin_questions.run(
            earlier, prompter, start=start, on_answer=draft.keep, out=screen
        )
    if emergency:
        return checkin_model.emergency_answers(earlier, tuple(doc.get("symptoms", ())))
    text = json.dumps(checkin_questions.to_check_in(doc, day))
    return checkin_model.apply(earlier, checkin_model.parse(text, "check-in", earlier, day))


def _check_in_answers(
    args: argparse.Namespace, day: date, session: Session
) -> answers_model.Answers:
    earlier = checkin_model.read_plan(Path(args.check_in))
    if args.answers is None:
        return _interactive_check_in(earlier, day, session, args.language)
    return checkin_model.apply(earlier, checkin_model.load(args.answers, earlier, day))


def _read_answers(
    args: argparse.Namespace, out_path: Path, session: Session
) -> answers_model.Answers:
    if args.check_in is not None:
        return _check_in_answers(args, today(), session)
    if args.answers is not None:
        return answers_model.load(args.answers)
    if args.from_pdf is not None:
        from careplan.intake import reread

        return reread.answers_from_pdf(Path(args.from_pdf))
    return _interactive_answers(out_path, session, args.language)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and a.samefile(b))
    except OSError:
        return False


def _check_distinct(args: argparse.Namespace, out_path: Path) -> None:
    """Refuse to write a plan over its own input, or the answers over the plan."""
    problems = []
    inputs = [p for p in (args.answers, args.from_pdf, args.check_in) if p not in (None, "-")]
    for given in inputs:
        if _same_file(Path(given), out_path):
            problems.append(messages.output_is_input(str(out_path)))
        if args.save_answers and _same_file(Path(given), Path(args.save_answers)):
            problems.append(messages.saved_answers_is_input(str(args.save_answers)))
    if args.save_answers and _same_file(Path(args.save_answers), out_path):
        problems.append(messages.plan_and_saved_answers(str(out_path)))
    if problems:
        raise UsageError(*problems)


def _check_stdout(args: argparse.Namespace) -> None:
    problems = []
    if args.answers is None and args.from_pdf is None:
        problems.append(messages.STDOUT_NEEDS_INPUT)
    if args.answers == "-":
        problems.append(messages.STDOUT_AND_STDIN)
    if sys.stdout.isatty():
        problems.append(messages.STDOUT_IS_A_TERMINAL)
    if problems:
        raise UsageError(*problems)


def _write_stdout(data: bytes) -> None:
    stream = getattr(sys.stdout, "buffer", None)
    if stream is None:  # a text stream stands in for standard output (tests)
        raise UsageError(messages.STDOUT_NOT_BINARY)
    sys.stdout.flush()
    stream.write(data)
    stream.flush()


def make(args: argparse.Namespace, stdout: TextIO, session: Session | None = None) -> int:
    """Read or ask the answers, decide the plan, and write it."""
    from careplan import files

    day = today()
    to_stdout = args.out == "-"
    out_path = Path(args.out) if args.out else default_output(args.format, day)
    _check_distinct(args, out_path)
    if to_stdout:
        _check_stdout(args)
    else:
        files.check_writable(out_path, force=args.force)
    if args.save_answers:
        files.check_writable(Path(args.save_answers), force=args.force)

    session = session or Session()
    answers = _read_answers(args, out_path, session)
    answers = answers.with_choices(
        paper=args.paper,
        large_print=args.large_print,
        language=args.language,
        clinician_language=args.clinician_language,
    )
    if answers.paper is None:
        answers = answers.with_choices(paper=locale_paper(os.environ))
    if answers.language is None:
        answers = answers.with_choices(language=locale_language(os.environ))
    answers_model.check_adult(answers)
    # The last lines are in the plan's language.
    words.use(answers.words_in)

    from careplan.decide.select import make_plan

    plan = make_plan(answers, created=day, generator=GENERATOR)
    from careplan.render.html import render_html, unprintable

    if args.format == "html":
        data = render_html(plan, standalone=True).encode("utf-8")
    else:
        from careplan.render import warm

        data = warm.pdf(plan, render_html(plan), session.warmup)
    if args.save_answers:
        files.write_atomically(
            Path(args.save_answers), answers_model.dumps(answers).encode(), force=args.force
        )
    if to_stdout:
        _write_stdout(data)
        stdout = sys.stderr  # the messages must not mix with the PDF
    else:
        files.write_atomically(out_path, data, force=args.force)
    _say(stdout, [*plan.changes, *last_screen(plan, None if to_stdout else out_path)])
    missing = unprintable(answers) if args.format == "pdf" else ""
    if missing:
        _say(stdout, [words.UNPRINTABLE.format(missing=missing)])
    return EXIT_OK


def _say(stdout: TextIO, lines: list[str]) -> None:
    """Write lines; on a terminal, wrapped at word boundaries to its width."""
    if stdout.isatty():
        import textwrap

        try:
            columns = max(20, os.get_terminal_size(stdout.fileno()).columns - 1)
        except (OSError, ValueError):
            columns = 79
        lines = [
            part
            for line in lines
            for part in textwrap.wrap(line, columns, break_long_words=False, break_on_hyphens=False)
            or [""]
        ]
    stdout.write("".join(line + "\n" for line in lines))


def last_screen(plan: Plan, out_path: Path | None) -> list[str]:
    """What to do now, where the plan is, and what to do with it: the same for every tier.

    `out_path` is None when the PDF went to standard output.
    """
    tier = plan.triage.level.value
    where = (
        words.WROTE_STDOUT
        if out_path is None
        else words.WROTE.format(path=answers_model.printable(str(out_path.absolute())))
    )
    lines = [words.NOW[tier], where, words.NEXT[tier]]
    # The review date comes with the check-in; a plan without one says nothing of it.
    review_on = getattr(plan, "review_on", None)
    if isinstance(review_on, date) and tier != "emergency":
        day = plan_model.date_words(review_on, words.LANGUAGE)
        lines[-1] += " " + words.REVIEW_ON.format(date=day)
    return lines


def run(argv: Sequence[str] | None, stdout: TextIO, session: Session | None = None) -> int:
    """Parse the arguments and do what they ask."""
    args = build_parser().parse_args(argv)
    _check_arguments(args)
    if args.schema:
        stdout.write(json.dumps(answers_model.schema(), indent=2) + "\n")
        return EXIT_OK
    if args.batch is not None:
        from careplan import batch

        return batch.run_batch(
            Path(args.batch), Path(args.out_dir), jobs=args.jobs, force=args.force, out=stdout
        )
    return make(args, stdout, session)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: the one place where errors become messages and exit statuses."""
    from careplan import stop
    from careplan.intake import drafts

    status = EXIT_INTERNAL
    session = Session()
    # Each run starts in the default language, whatever an earlier run in this process chose.
    words.use_default()
    try:
        with stop.as_interrupts():  # SIGTERM and SIGHUP stop cleanly, as Ctrl-C does
            try:
                status = run(argv, sys.stdout, session)
                return status
            except KeyboardInterrupt as interrupt:
                stop.ignore_more()
                status = stop.exit_status(interrupt)
                kept = interrupt.kept if isinstance(interrupt, Cancelled) else 0
                sys.stderr.write("\n")
                _say(sys.stderr, cancelled_lines(kept))
                return status
    except CareplanError as err:
        for line in err.lines:
            sys.stderr.write(messages.line(answers_model.printable(line)))
        return err.exit_status
    except EOFError:
        sys.stderr.write(messages.line(messages.NEEDS_TERMINAL))
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        # Whoever read our output has gone (e.g. `careplan --schema | head`): nobody to tell.
        return EXIT_INTERNAL
    except Exception as err:  # the last line of defence: no traceback for the person
        if os.environ.get("CAREPLAN_DEBUG"):
            raise
        sys.stderr.write(
            messages.line(messages.internal_error(type(err).__name__, str(err)))
            + messages.line(messages.PLEASE_REPORT)
        )
        return EXIT_INTERNAL
    finally:
        # The questionnaire's draft goes only once its plan is written; otherwise it stays.
        if status == EXIT_OK and session.draft is not None:
            drafts.discard(session.draft)


def entry() -> NoReturn:
    """The `careplan` command and `python -m careplan`: `main`, then the process ends at once
    with its status (`stop.exit_now`), without tearing down what the render left."""
    from careplan import stop

    stop.exit_now(main())
