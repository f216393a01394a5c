"""Batch mode for clinics: many answers files in, one PDF each out, on every core."""

from __future__ import annotations

import contextlib
import gc
import json
import multiprocessing
import os
import re
import signal
import stat
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
from careplan import files, messages, stop
from careplan.environment import GENERATOR, locale_language, locale_paper, today
from careplan.errors import CareplanError, InputFileError, OutputError
from careplan.intake import terminal_words

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


def _is_json_name(path: Path) -> bool:
    return path.suffix.lower() == ".json"


def _read_one(path: Path) -> tuple[str, str]:
    """The text of one answers file and "", or "" and the problem with it."""
    try:
        info = os.lstat(path)
        if stat.S_ISLNK(info.st_mode) and not path.exists():
            return "", messages.LINK_TO_NOTHING
        return answers_model.read_text(str(path)), ""
    except CareplanError as err:
        prefixes = {answers_model.printable(str(path)) + ": ", str(path) + ": "}
        lines = []
        for line in err.lines:
            for prefix in prefixes:
                line = line.removeprefix(prefix)
            lines.append(line)
        return "", "; ".join(lines)
    except OSError as err:  # os.lstat
        return "", messages.cannot_read_it(str(err.strerror or err))


def _inputs(source: Path) -> Iterator[_Input]:
    """Every input in a folder of answers files or a JSON Lines file."""
    if source.is_dir():
        # NAME.JSON too; a link to nothing or a folder named x.json is reported, not skipped.
        found = sorted(p for p in source.iterdir() if _is_json_name(p))
        if not found:
            raise InputFileError(messages.no_answers_files(answers_model.printable(str(source))))
        for path in found:
            text, problem = _read_one(path)
            yield _Input(answers_model.printable(str(path)), path.stem, text, problem=problem)
        return
    yield from _json_lines(source)


def _json_lines(source: Path) -> Iterator[_Input]:
    """The lines of a JSON Lines file, split at "\\n" only, each read at most 1 MB at a time."""
    shown = answers_model.printable(str(source))
    try:
        fd = os.open(source, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise InputFileError(messages.no_such_file_or_folder(shown)) from None
    except OSError as err:
        raise InputFileError(messages.cannot_read(shown, str(err.strerror or err))) from None
    with os.fdopen(fd, "rb") as stream:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise InputFileError(messages.not_ordinary_batch(shown))
        limit = answers_model.MAX_BYTES
        number = 0
        while True:
            raw = stream.readline(limit + 1)
            if not raw:
                return
            number += 1
            label = f"{shown}:{number}"
            if number == 1 and raw.startswith((b"\xff\xfe", b"\xfe\xff")):
                raise InputFileError(messages.utf16(shown))
            if len(raw) > limit and not raw.endswith(b"\n"):
                while raw and not raw.endswith(b"\n"):  # skip the rest of the line
                    raw = stream.readline(1 << 20)
                yield _Input(label, "", "", problem=messages.LINE_TOO_LARGE)
                continue
            try:
                line = answers_model.decode(raw.removeprefix(b"\xef\xbb\xbf"), "")
            except CareplanError as err:
                yield _Input(label, "", "", problem=err.lines[0].removeprefix(": "))
                continue
            if not line.strip():
                continue
            stem = f"line-{number:04d}"
            try:
                name = json.loads(line).get("name")
            except (ValueError, AttributeError, RecursionError):
                name = None
            if isinstance(name, str) and slug(name):
                stem = f"{stem}-{slug(name)}"
            yield _Input(label, stem, line)


def plan_jobs(
    source: Path, out_dir: Path, *, force: bool, rejected: list[str] | None = None
) -> tuple[list[Job], list[str]]:
    """Every valid input as a job, and one line for each problem of an invalid one.

    The label of each invalid input is added to `rejected`: an input may have many problems.
    """
    jobs: list[Job] = []
    problems: list[str] = []
    taken: dict[str, str] = {}
    for found in _inputs(source):
        label = found.label
        if rejected is not None:
            rejected.append(label)  # taken back once the input has become a job
        if found.problem:
            problems.append(messages.in_file(label, found.problem))
            continue
        try:
            answers = answers_model.parse(found.text, label)
            answers_model.check_adult(answers)
        except CareplanError as err:
            problems.extend(
                line if line.startswith(label) else messages.in_file(label, line)
                for line in err.lines
            )
            continue
        except (MemoryError, RecursionError):  # one input too much to hold must not stop the rest
            problems.append(messages.in_file(label, messages.TOO_LARGE_OR_NESTED))
            continue
        output = out_dir / f"{found.stem}.pdf"
        if output.name.lower() in taken:  # a.json and A.JSON
            problems.append(messages.same_plan_name(label, taken[output.name.lower()], output.name))
            continue
        taken[output.name.lower()] = label
        try:
            files.check_writable(output, force=force)
        except OutputError as err:
            problems.extend(err.lines)
            continue
        jobs.append(Job(label=label, answers=answers, output=output))
        if rejected is not None:
            rejected.pop()
    return jobs, problems


def render_one(job: Job, created: date, generator: str, force: bool) -> str:
    """Make and write one plan; returns the output path."""
    from careplan.decide.select import make_plan
    from careplan.render.html import render_html
    from careplan.render.warm import render_pdf

    answers = job.answers
    if answers.paper is None:
        answers = answers.with_choices(paper=locale_paper(dict(os.environ)))
    if answers.language is None:
        answers = answers.with_choices(language=locale_language(dict(os.environ)))
    plan = make_plan(answers, created=created, generator=generator)
    files.write_atomically(job.output, render_pdf(plan, render_html(plan)), force=force)
    return str(job.output)


#: In a worker: the stop signal received, and whether a plan is being made.
_stopping = 0
_busy = False


class _Stop(BaseException):
    """Raised in a worker making a plan when the parent stops it: unwinds, removing scraps."""


def make_one(job: Job, created: date, generator: str, force: bool) -> Outcome:
    """Make one plan and say how it went; never raises. Runs in a worker process."""
    global _busy
    _busy = True
    try:
        written = render_one(job, created, generator, force)
        from careplan.render.html import unprintable

        return Outcome(job.label, written=written, unprintable=unprintable(job.answers))
    except CareplanError as err:
        return Outcome(job.label, problems=err.lines)
    except _Stop:
        _leave()
        raise  # not reached
    except Exception as err:  # one plan's bug must not stop the others
        return Outcome(
            job.label,
            internal=f"{type(err).__name__}: {err}",
            details="".join(traceback.format_exception(err)),
        )
    finally:
        _busy = False
        if _stopping:
            _leave()


def _leave() -> None:
    # A worker told to stop: its decoded fonts go, then it ends at once. (Its plan's
    # temporary file went as the render unwound.)
    from careplan.render import fonts

    fonts.remove_fonts()
    os._exit(128 + (_stopping or signal.SIGTERM))


def _on_stop_in_worker(signum: int, frame: Any) -> None:
    global _stopping
    if _stopping:
        return
    _stopping = signum
    if _busy:
        raise _Stop
    _leave()


def _die_with_parent(parent: int) -> None:
    # Linux: the kernel sends SIGTERM to this worker when the parent ends, however it ends.
    if sys.platform.startswith("linux"):
        import ctypes

        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            pr_set_pdeathsig = 1
            libc.prctl(pr_set_pdeathsig, signal.SIGTERM, 0, 0, 0)
    if os.getppid() != parent:  # it ended before that was set
        os._exit(128 + signal.SIGTERM)


def _prepare_parent() -> None:
    # Imported, loaded and compiled once here, before the fork: every worker starts warm.
    from careplan.render import warm

    warm.prepare()
    # Out of the collector's reach, the objects the workers inherit stay shared pages instead
    # of being copied into each worker when it collects.
    gc.freeze()


def _start_worker(parent: int) -> None:
    # Ctrl-C and a hang-up are the parent's to handle: it stops the workers with SIGTERM, on
    # which a worker removes what it was writing and ends.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "SIGHUP"):
        signal.signal(signal.SIGHUP, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _on_stop_in_worker)
    _die_with_parent(parent)


def _pool(workers: int) -> ProcessPoolExecutor:
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    return ProcessPoolExecutor(
        workers,
        mp_context=multiprocessing.get_context(method),
        initializer=_start_worker,
        initargs=(os.getpid(),),
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
    except (KeyboardInterrupt, GeneratorExit):
        _stop_workers(pool)
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    for job in crashed:
        pool = _pool(1)
        try:
            yield pool.submit(make_one, job, *settings).result()
        except BrokenProcessPool:
            yield Outcome(job.label, internal=messages.WORKER_STOPPED)
        except (KeyboardInterrupt, GeneratorExit):
            _stop_workers(pool)
            raise
        finally:
            pool.shutdown(wait=True, cancel_futures=True)


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    """Stop every worker now: each removes the plan it was writing and its fonts, then ends."""
    stop.ignore_more()
    processes = list((getattr(pool, "_processes", None) or {}).values())
    for process in processes:
        with contextlib.suppress(OSError, ValueError):
            process.terminate()
    for process in processes:
        with contextlib.suppress(OSError, ValueError, AssertionError):
            process.join(30)
            if process.is_alive():  # stuck: no clean-up then, but no orphan either
                process.kill()
                process.join()


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
                    terminal_words.UNPRINTABLE_BATCH.format(
                        label=outcome.label, missing=outcome.unprintable
                    )
                )
        elif outcome.internal:
            self.internal += 1
            lines.append(messages.internal_error_of(outcome.label, outcome.internal))
            if os.environ.get("CAREPLAN_DEBUG"):
                lines.extend(outcome.details.rstrip().splitlines())
        else:
            self.problems += 1
            lines.extend(
                line if line.startswith(outcome.label) else messages.in_file(outcome.label, line)
                for line in outcome.problems
            )
        if self._counter is not None:
            self._counter.item_completed()
            self.held.extend(lines)  # printed once the bar is gone, not through it
            return
        if outcome.written:
            shown = answers_model.printable(outcome.written)
            self.out.write(messages.batch_wrote_one(self.done, self.total, shown) + "\n")
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
            sys.stderr.write(f"careplan: {answers_model.printable(line)}\n")
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
    created = created or today()
    generator = generator or GENERATOR
    shown = answers_model.printable(str(out_dir))
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError(messages.is_a_file_not_a_folder(shown))
    if not out_dir.parent.is_dir():
        raise OutputError(
            messages.no_such_folder(shown, answers_model.printable(str(out_dir.parent)))
        )
    out_dir.mkdir(exist_ok=True)
    rejected: list[str] = []
    work, problems = plan_jobs(source, out_dir, force=force, rejected=rejected)
    for line in problems:
        sys.stderr.write(f"careplan: {answers_model.printable(line)}\n")
    # More workers than cores only share the cores, each with its own memory.
    workers = max(1, min(jobs or default_jobs(), default_jobs(), len(work) or 1))
    report = _Report(len(work), out)
    before = {job.output: _identity(job.output) for job in work}

    settings: Settings = (created, generator, force)
    total = len(work) + len(rejected)  # inputs, not problems: one input may have several
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
    except KeyboardInterrupt:
        stop.ignore_more()
        report.close()
        # What is on disk, not what was reported: a plan finished as the stop came counts.
        written = sum(_identity(job.output) not in (None, before[job.output]) for job in work)
        out.write(messages.batch_stopped(written, total, shown) + "\n")
        out.flush()
        raise
    finally:
        report.close()
    out.write(messages.batch_wrote(report.written, total, shown) + "\n")
    if report.internal:
        sys.stderr.write(messages.line(messages.PLEASE_REPORT))
        return EXIT_INTERNAL
    return EXIT_BAD_INPUT if problems or report.problems else EXIT_OK


def _identity(path: Path) -> tuple[int, int, int] | None:
    """Which file is at `path` now (a plan put in place is a new file), or None."""
    try:
        info = os.lstat(path)
    except OSError:
        return None
    return (info.st_dev, info.st_ino, info.st_mtime_ns)
