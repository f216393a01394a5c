"""Batch mode for clinics: many answers files in, one PDF each out, on every core."""

from __future__ import annotations

import contextlib
import gc
import json
import multiprocessing
import os
import re
import signal
import sys
import traceback
import unicodedata
from collections.abc import Callable, Generator, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from careplan import answers as answers_model
from careplan.errors import CareplanError, InputFileError, OutputError
from careplan.render import files

EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_BAD_INPUT = 2

#: What every job of one batch shares: the plans' date, the generator, and --force.
Settings = tuple[date, str, bool]


@dataclass(frozen=True)
class Job:
    """One valid input and the PDF it becomes."""

    label: str
    answers: answers_model.Answers
    output: Path


@dataclass(frozen=True)
class Outcome:
    """What became of one job: written, a problem the clinic can fix, or an internal error."""

    label: str
    written: str = ""
    problems: tuple[str, ...] = ()
    internal: str = ""
    details: str = ""
    #: Letters of the name or goal that the bundled fonts do not have.
    unprintable: str = ""


@dataclass(frozen=True)
class _Input:
    label: str
    stem: str
    text: str
    problem: str = ""


#: Latin letters that Unicode does not decompose into a plain letter and an accent.
_UNDECOMPOSED = str.maketrans(
    {
        "Ł": "L",
        "ł": "l",
        "Ø": "O",
        "ø": "o",
        "Đ": "D",
        "đ": "d",
        "Ħ": "H",
        "ħ": "h",
        "ı": "i",
        "ß": "ss",
        "Æ": "AE",
        "æ": "ae",
        "Œ": "OE",
        "œ": "oe",
        "Þ": "Th",
        "þ": "th",
    }
)


def slug(text: str) -> str:
    """A safe, readable file-name part from free text (accents folded, nothing but a-z0-9-)."""
    plain = unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSED))
    folded = plain.encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")[:40]


def _inputs(source: Path) -> Iterator[_Input]:
    """Every input in a folder of answers files or a JSON Lines file."""
    if source.is_dir():
        found = sorted(p for p in source.iterdir() if p.suffix == ".json" and p.is_file())
        if not found:
            raise InputFileError(f"{source}: no .json answers files in this folder")
        for path in found:
            try:
                yield _Input(str(path), path.stem, path.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError) as err:
                yield _Input(str(path), path.stem, "", problem=f"cannot read it: {err}")
        return
    try:
        lines = source.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise InputFileError(f"{source}: no such file or folder") from None
    except (OSError, UnicodeDecodeError) as err:
        raise InputFileError(f"{source}: cannot read it: {err}") from None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        stem = f"line-{number:04d}"
        try:
            name = json.loads(line).get("name")
        except (json.JSONDecodeError, AttributeError, RecursionError):
            name = None
        if isinstance(name, str) and slug(name):
            stem = f"{stem}-{slug(name)}"
        yield _Input(f"{source}:{number}", stem, line)


def plan_jobs(
    source: Path, out_dir: Path, *, force: bool, rejected: list[str] | None = None
) -> tuple[list[Job], list[str]]:
    """Every valid input as a job, and one line for each problem of an invalid one.

    The label of each invalid input is added to `rejected`: an input may have many problems.
    """
    jobs: list[Job] = []
    problems: list[str] = []
    for found in _inputs(source):
        label = found.label
        if rejected is not None:
            rejected.append(label)  # taken back once the input has become a job
        if found.problem:
            problems.append(f"{label}: {found.problem}")
            continue
        try:
            answers = answers_model.parse(found.text, label)
            answers_model.check_adult(answers)
        except CareplanError as err:
            problems.extend(
                line if line.startswith(label) else f"{label}: {line}" for line in err.lines
            )
            continue
        output = out_dir / f"{found.stem}.pdf"
        if output.exists() and not force:
            problems.append(f"{output}: already exists; use --force to replace it")
            continue
        jobs.append(Job(label=label, answers=answers, output=output))
        if rejected is not None:
            rejected.pop()
    return jobs, problems


def render_one(job: Job, created: date, generator: str, force: bool) -> str:
    """Make and write one plan; returns the output path."""
    from careplan.render.html import render_html
    from careplan.render.warm import pdf
    from careplan.select import make_plan

    answers = job.answers
    if answers.paper is None:
        from careplan.cli import locale_paper

        answers = answers.with_choices(paper=locale_paper(dict(os.environ)))
    plan = make_plan(answers, created=created, generator=generator)
    files.write_atomically(job.output, pdf(plan, render_html(plan)), force=force)
    return str(job.output)


def make_one(job: Job, created: date, generator: str, force: bool) -> Outcome:
    """Make one plan and say how it went; never raises. Runs in a worker process."""
    try:
        written = render_one(job, created, generator, force)
        from careplan.render.html import unprintable

        return Outcome(job.label, written=written, unprintable=unprintable(job.answers))
    except CareplanError as err:
        return Outcome(job.label, problems=err.lines)
    except Exception as err:  # one plan's bug must not stop the others
        return Outcome(
            job.label,
            internal=f"{type(err).__name__}: {err}",
            details="".join(traceback.format_exception(err)),
        )


def _prepare_parent() -> None:
    # Imported, loaded and compiled once here, before the fork: every worker starts warm.
    from careplan.render import warm

    warm.prepare()
    # Out of the collector's reach, the objects the workers inherit stay shared pages instead
    # of being copied into each worker when it collects.
    gc.freeze()


def _start_worker() -> None:
    # Ctrl-C is the parent's to handle: it lets running plans finish and cancels the rest.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _pool(workers: int) -> ProcessPoolExecutor:
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    return ProcessPoolExecutor(
        workers, mp_context=multiprocessing.get_context(method), initializer=_start_worker
    )


def _run_in_pool(
    work: Sequence[Job], workers: int, settings: Settings, on_started: Callable[[], None]
) -> Generator[Outcome, None, None]:
    """Outcomes as the workers finish; if a worker dies, its plans are retried one by one."""
    crashed: list[Job] = []
    pool = _pool(workers)
    try:
        futures: dict[Future[Outcome], Job] = {
            pool.submit(make_one, job, *settings): job for job in work
        }
        on_started()  # after the fork: no other thread may run while the workers are made
        for future in as_completed(futures):
            try:
                yield future.result()
            except BrokenProcessPool:
                crashed.append(futures[future])
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    for job in crashed:
        pool = _pool(1)
        try:
            yield pool.submit(make_one, job, *settings).result()
        except BrokenProcessPool:
            yield Outcome(job.label, internal="the process making it stopped unexpectedly")
        finally:
            pool.shutdown(wait=True, cancel_futures=True)


class _Report:
    """Progress and problems: a bar on a terminal, one line per plan otherwise."""

    def __init__(self, total: int, out: TextIO) -> None:
        self.total = total
        self.out = out
        self.done = 0
        self.written = 0
        self.problems = 0
        self.internal = 0
        self.held: list[str] = []
        self._bar: Any = None
        self._counter: Any = None

    def start(self) -> None:
        """Show the progress bar, on a terminal only."""
        if sys.stderr.isatty() and self.total > 1:
            from prompt_toolkit.output import create_output
            from prompt_toolkit.shortcuts import ProgressBar

            self._bar = ProgressBar(title="Making plans", output=create_output(stdout=sys.stderr))
            self._bar.__enter__()
            self._counter = self._bar(total=self.total, label="plans")

    def add(self, outcome: Outcome) -> None:
        """Count one finished job and say what became of it."""
        self.done += 1
        lines: list[str] = []
        if outcome.written:
            self.written += 1
            if outcome.unprintable:
                lines.append(
                    f"{outcome.label}: note: careplan's fonts do not have "
                    f"{outcome.unprintable}; on the plan they may show as empty boxes"
                )
        elif outcome.internal:
            self.internal += 1
            lines.append(f"{outcome.label}: internal error: {outcome.internal}")
            if os.environ.get("CAREPLAN_DEBUG"):
                lines.extend(outcome.details.rstrip().splitlines())
        else:
            self.problems += 1
            lines.extend(
                line if line.startswith(outcome.label) else f"{outcome.label}: {line}"
                for line in outcome.problems
            )
        if self._counter is not None:
            self._counter.item_completed()
            self.held.extend(lines)  # printed once the bar is gone, not through it
            return
        if outcome.written:
            self.out.write(f"[{self.done}/{self.total}] wrote {outcome.written}\n")
            self.out.flush()
        self._say(lines)

    def close(self) -> None:
        """Remove the bar and print what it held back."""
        if self._bar is not None:
            self._bar.__exit__(None, None, None)
            self._bar = self._counter = None
        self._say(self.held)
        self.held = []

    def _say(self, lines: list[str]) -> None:
        for line in lines:
            sys.stderr.write(f"careplan: {line}\n")
        sys.stderr.flush()


def default_jobs() -> int:
    """The cores this process may use."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def run_batch(
    source: Path,
    out_dir: Path,
    *,
    jobs: int | None,
    force: bool,
    out: TextIO,
    created: date | None = None,
    generator: str = "",
) -> int:
    """Validate every input, make the valid ones, report every problem.

    Returns 0 when every plan was written, 1 when any plan met an internal error, and 2
    when any input was invalid or a plan could not be written for a reason the clinic can fix.
    """
    from careplan.cli import GENERATOR, today

    created = created or today()
    generator = generator or GENERATOR
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError(f"{out_dir}: is a file, not a folder")
    if not out_dir.parent.is_dir():
        raise OutputError(f"{out_dir}: the folder {out_dir.parent} does not exist")
    out_dir.mkdir(exist_ok=True)
    rejected: list[str] = []
    work, problems = plan_jobs(source, out_dir, force=force, rejected=rejected)
    for line in problems:
        sys.stderr.write(f"careplan: {line}\n")
    workers = max(1, min(jobs or default_jobs(), len(work) or 1))
    report = _Report(len(work), out)

    settings: Settings = (created, generator, force)
    try:
        if workers == 1:
            report.start()
            for job in work:
                report.add(make_one(job, *settings))
        else:
            _prepare_parent()
            try:
                made = _run_in_pool(work, workers, settings, report.start)
                with contextlib.closing(made):
                    for outcome in made:
                        report.add(outcome)
            finally:
                gc.unfreeze()
    finally:
        report.close()
    total = len(work) + len(rejected)  # inputs, not problems: one input may have several
    out.write(f"Wrote {report.written} of {total} plans to {out_dir}.\n")
    if report.internal:
        sys.stderr.write("careplan: please report this; set CAREPLAN_DEBUG=1 to see the details\n")
        return EXIT_INTERNAL
    return EXIT_BAD_INPUT if problems or report.problems else EXIT_OK
