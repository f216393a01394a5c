"""The command line: arguments, the flow from answers to a written plan, and every exit status."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TextIO

from careplan import __version__
from careplan import answers as answers_model
from careplan import checkin as checkin_model
from careplan.errors import CareplanError, NeedsTerminalError, UsageError

EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_BAD_INPUT = 2
EXIT_CANCELLED = 130
GENERATOR = f"careplan {__version__}"

# Territories whose usual paper is Letter (the rest of the world uses A4).
LETTER_TERRITORIES = frozenset({"US", "CA", "MX", "PH", "CL", "CO", "VE", "CR", "GT", "PR"})


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{message} (see careplan --help)")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for `careplan`, exactly as spec/plan-v1.md describes it."""
    parser = _Parser(
        prog="careplan",
        description=(
            "Make a printed care plan for a back muscle spasm. With no --answers or --from, "
            "careplan asks you a few questions in the terminal."
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
        "--large-print", action="store_true", default=None, help="larger text and figures"
    )
    parser.add_argument("--save-answers", metavar="FILE", help="also save the answers as JSON")
    parser.add_argument("--force", action="store_true", help="replace files that exist")
    parser.add_argument(
        "--schema", action="store_true", help="print the JSON Schema of the answers format"
    )
    parser.add_argument("--version", action="version", version=GENERATOR)
    return parser


def today() -> date:
    """The plan's date: today, or SOURCE_DATE_EPOCH for reproducible output."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), tz=UTC).date()
        except ValueError:
            raise UsageError(f"SOURCE_DATE_EPOCH: expected seconds, got {epoch!r}") from None
    return date.today()


def locale_paper(environ: os._Environ[str] | dict[str, str]) -> str:
    """Letter or A4 from the locale (LC_ALL, LC_PAPER, LANG); letter when there is none."""
    for name in ("LC_ALL", "LC_PAPER", "LANG"):
        value = environ.get(name, "")
        if value and value not in ("C", "POSIX") and not value.startswith("C."):
            territory = value.split(".")[0].partition("_")[2].upper()
            if territory:
                return "letter" if territory in LETTER_TERRITORIES else "a4"
    return "letter"


def _check_arguments(args: argparse.Namespace) -> None:
    problems = []
    if args.check_in is not None:
        if args.from_pdf is not None:
            problems.append("--check-in and --from: give one earlier plan, with one of them")
        if args.batch is not None:
            problems.append(
                "--batch does not take check-ins: run careplan --check-in PLAN.pdf for each plan"
            )
    if args.batch is None:
        if args.out_dir is not None:
            problems.append("--out-dir goes with --batch")
        if args.jobs is not None:
            problems.append("--jobs goes with --batch")
    else:
        if args.out_dir is None:
            problems.append("--batch needs --out-dir DIR")
        if args.out is not None or args.save_answers is not None:
            problems.append(
                "--batch writes one file per input into --out-dir: drop -o/--save-answers"
            )
        if args.jobs is not None and args.jobs < 1:
            problems.append("--jobs must be 1 or more")
    if problems:
        raise UsageError(*problems)


def default_output(fmt: str, day: date) -> Path:
    """careplan-YYYY-MM-DD.pdf (or .html) in the current folder."""
    return Path(f"careplan-{day.isoformat()}.{fmt}")


def _interactive_answers(out_path: Path, force: bool) -> answers_model.Answers:
    from careplan import drafts, questions

    if not sys.stdin.isatty():
        raise NeedsTerminalError("interactive session required: use --answers FILE")
    with questions.terminal_session() as screen:
        screen.write(
            "careplan: a care plan for a back muscle spasm.\n"
            "We start with warning signs, then a few questions about your back and health.\n"
            f"Your plan will be written to {out_path}.\n"
        )
        screen.flush()
        keeper = drafts.Keeper(drafts.draft_path(), screen)
        drafts.remember(keeper.path)
        prompter = questions.Prompter()
        start = keeper.start(prompter)
        from careplan.render import warm

        # Rendering gets ready, and the likely plan is made, while the person answers.
        warmup = warm.start(today(), GENERATOR, likely={"paper": locale_paper(os.environ)})
        doc = questions.run(prompter, start=start, on_answer=warmup.follow(keeper.keep), out=screen)
    return answers_model.from_dict(doc)


def _interactive_check_in(earlier: checkin_model.Earlier, day: date) -> answers_model.Answers:
    from careplan import checkin_questions, drafts, questions

    if not sys.stdin.isatty():
        raise NeedsTerminalError(
            "interactive session required: use --check-in PLAN.pdf --answers CHECKIN.json"
        )
    with questions.terminal_session() as screen:
        screen.write(
            "careplan check-in: how it has gone since your plan of "
            f"{earlier.created.isoformat()}.\n"
            "We start with the warning signs again, then a few questions about your back.\n"
        )
        screen.flush()
        draft = checkin_questions.Draft(drafts.data_dir(), earlier.path, screen)
        drafts.remember(draft.path)
        prompter = questions.Prompter()
        start = draft.start(prompter)
        doc, emergency = checkin_questions.run(
            earlier, prompter, start=start, on_answer=draft.keep, out=screen
        )
    if emergency:
        return checkin_model.emergency_answers(earlier, tuple(doc.get("symptoms", ())))
    text = json.dumps(checkin_questions.to_check_in(doc, day))
    return checkin_model.apply(earlier, checkin_model.parse(text, "check-in", earlier, day))


def _check_in_answers(args: argparse.Namespace, day: date) -> answers_model.Answers:
    earlier = checkin_model.read_plan(Path(args.check_in))
    if args.answers is None:
        return _interactive_check_in(earlier, day)
    return checkin_model.apply(earlier, checkin_model.load(args.answers, earlier, day))


def _read_answers(args: argparse.Namespace, out_path: Path) -> answers_model.Answers:
    if args.check_in is not None:
        return _check_in_answers(args, today())
    if args.answers is not None:
        return answers_model.load(args.answers)
    if args.from_pdf is not None:
        from careplan import reread

        return reread.answers_from_pdf(Path(args.from_pdf))
    return _interactive_answers(out_path, args.force)


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
            problems.append(f"{out_path}: is the input file; choose another name with -o")
        if args.save_answers and _same_file(Path(given), Path(args.save_answers)):
            problems.append(f"{args.save_answers}: is the input file; choose another name")
    if args.save_answers and _same_file(Path(args.save_answers), out_path):
        problems.append(f"{out_path}: given for both the plan and --save-answers")
    if problems:
        raise UsageError(*problems)


def make(args: argparse.Namespace, stdout: TextIO) -> int:
    """Read or ask the answers, decide the plan, and write it."""
    from careplan.render import files

    day = today()
    out_path = Path(args.out) if args.out else default_output(args.format, day)
    _check_distinct(args, out_path)
    files.check_writable(out_path, force=args.force)
    if args.save_answers:
        files.check_writable(Path(args.save_answers), force=args.force)

    answers = _read_answers(args, out_path)
    answers = answers.with_choices(paper=args.paper, large_print=args.large_print)
    if answers.paper is None:
        answers = answers.with_choices(paper=locale_paper(os.environ))
    answers_model.check_adult(answers)

    from careplan.select import make_plan

    plan = make_plan(answers, created=day, generator=GENERATOR)
    from careplan.render.html import render_html, unprintable

    if args.format == "html":
        data = render_html(plan, standalone=True).encode("utf-8")
    else:
        from careplan.render import warm

        data = warm.pdf(plan, render_html(plan))
    if args.save_answers:
        files.write_atomically(
            Path(args.save_answers), answers_model.dumps(answers).encode(), force=args.force
        )
    files.write_atomically(out_path, data, force=args.force)
    level = plan.triage.level.value.replace("_", " ")
    stdout.write(f"Wrote {out_path} ({level}).\n")
    for change in plan.changes:
        stdout.write(f"{change}\n")
    if plan.triage.level.value == "emergency":
        stdout.write(
            "IMPORTANT: your answers include a warning sign. Call emergency services or go to "
            "the emergency department now. Do not drive yourself.\n"
        )
    missing = unprintable(answers) if args.format == "pdf" else ""
    if missing:
        stdout.write(
            f"Note: careplan's fonts do not have {missing}; on the plan they may show as empty "
            "boxes. Your answers keep them as you typed them.\n"
        )
    return EXIT_OK


def run(argv: Sequence[str] | None, stdout: TextIO) -> int:
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
    return make(args, stdout)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: the one place where errors become messages and exit statuses."""
    from careplan import drafts

    status = EXIT_INTERNAL
    try:
        status = run(argv, sys.stdout)
        return status
    except CareplanError as err:
        for line in err.lines:
            sys.stderr.write(f"careplan: {line}\n")
        return err.exit_status
    except KeyboardInterrupt:
        sys.stderr.write("\ncareplan: cancelled\n")
        return EXIT_CANCELLED
    except EOFError:
        sys.stderr.write("careplan: interactive session required: use --answers FILE\n")
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        # Whoever read our output has gone (e.g. `careplan --schema | head`): nobody to tell.
        return EXIT_INTERNAL
    except Exception as err:  # the last line of defence: no traceback for the person
        if os.environ.get("CAREPLAN_DEBUG"):
            raise
        sys.stderr.write(
            f"careplan: internal error: {type(err).__name__}: {err}\n"
            "careplan: please report this; set CAREPLAN_DEBUG=1 to see the details\n"
        )
        return EXIT_INTERNAL
    finally:
        # The questionnaire's draft goes only once its plan is written; otherwise it stays.
        drafts.finished(written=status == EXIT_OK)
