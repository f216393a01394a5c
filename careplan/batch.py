"""Batch mode for clinics: many answers files in, one PDF each out, on every core."""

from __future__ import annotations

import json
import multiprocessing
import os
import re
import sys
import unicodedata
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from careplan import answers as answers_model
from careplan.errors import CareplanError, InputFileError, OutputError
from careplan.render import files

EXIT_OK = 0
EXIT_BAD_INPUT = 2


@dataclass(frozen=True)
class Job:
    """One valid input and the PDF it becomes."""

    label: str
    answers: answers_model.Answers
    output: Path


def slug(text: str) -> str:
    """A safe, readable file-name part from free text (accents folded, nothing but a-z0-9-)."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")[:40]


def _inputs(source: Path) -> Iterator[tuple[str, str, str]]:
    """(label for messages, output stem, JSON text) for every input in a folder or JSON Lines."""
    if source.is_dir():
        found = sorted(p for p in source.iterdir() if p.suffix == ".json" and p.is_file())
        if not found:
            raise InputFileError(f"{source}: no .json answers files in this folder")
        for path in found:
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as err:
                yield str(path), path.stem, f"\0{err}"
                continue
            yield str(path), path.stem, text
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
        except (json.JSONDecodeError, AttributeError):
            name = None
        if isinstance(name, str) and slug(name):
            stem = f"{stem}-{slug(name)}"
        yield f"{source}:{number}", stem, line


def plan_jobs(source: Path, out_dir: Path, *, force: bool) -> tuple[list[Job], list[str]]:
    """Every valid input as a job, and one problem line for each invalid one."""
    jobs: list[Job] = []
    problems: list[str] = []
    for label, stem, text in _inputs(source):
        if text.startswith("\0"):
            problems.append(f"{label}: cannot read it: {text[1:]}")
            continue
        try:
            answers = answers_model.parse(text, label)
            answers_model.check_adult(answers)
        except CareplanError as err:
            problems.extend(
                line if line.startswith(label) else f"{label}: {line}" for line in err.lines
            )
            continue
        output = out_dir / f"{stem}.pdf"
        if output.exists() and not force:
            problems.append(f"{output}: already exists; use --force to replace it")
            continue
        jobs.append(Job(label=label, answers=answers, output=output))
    return jobs, problems


def render_one(job: Job, created: date, generator: str, force: bool) -> str:
    """Make and write one plan; returns the output path. Runs in a worker process."""
    from careplan.render.html import render_html
    from careplan.render.pdf import html_to_pdf
    from careplan.select import make_plan

    answers = job.answers
    if answers.paper is None:
        from careplan.cli import locale_paper

        answers = answers.with_choices(paper=locale_paper(dict(os.environ)))
    plan = make_plan(answers, created=created, generator=generator)
    files.write_atomically(job.output, html_to_pdf(plan, render_html(plan)), force=force)
    return str(job.output)


def _warm_worker() -> None:
    # Each worker pays the WeasyPrint import once, before its first plan.
    import careplan.render.pdf  # noqa: F401


def _progress(total: int, out: TextIO) -> tuple[Callable[[str], None], Callable[[], None]]:
    """A progress bar on a terminal, plain progress lines otherwise: (advance, close)."""
    done = 0
    if sys.stderr.isatty() and total > 1:
        from prompt_toolkit.output import create_output
        from prompt_toolkit.shortcuts import ProgressBar

        bar = ProgressBar(title="Making plans", output=create_output(stdout=sys.stderr))
        bar.__enter__()
        counter: Any = bar(total=total, label="plans")

        def advance_bar(path: str) -> None:
            counter.item_completed()

        return advance_bar, lambda: bar.__exit__(None, None, None)

    def advance_line(path: str) -> None:
        nonlocal done
        done += 1
        out.write(f"[{done}/{total}] wrote {path}\n")
        out.flush()

    return advance_line, lambda: None


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
    """Validate every input, render the valid ones, report every problem; 0 only if all written."""
    from careplan.cli import GENERATOR, today

    created = created or today()
    generator = generator or GENERATOR
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError(f"{out_dir}: is a file, not a folder")
    if not out_dir.parent.is_dir():
        raise OutputError(f"{out_dir}: the folder {out_dir.parent} does not exist")
    out_dir.mkdir(exist_ok=True)
    work, problems = plan_jobs(source, out_dir, force=force)
    for line in problems:
        sys.stderr.write(f"careplan: {line}\n")
    workers = max(1, min(jobs or os.cpu_count() or 1, len(work) or 1))
    advance, close = _progress(len(work), out)
    failed: list[str] = []
    try:
        if workers == 1:
            for job in work:
                try:
                    advance(render_one(job, created, generator, force))
                except CareplanError as err:
                    failed.extend(err.lines)
        else:
            _warm_worker()  # imported before the fork, so every worker starts warm
            method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
            context = multiprocessing.get_context(method)
            with ProcessPoolExecutor(workers, mp_context=context) as pool:
                futures: dict[Future[str], Job] = {
                    pool.submit(render_one, job, created, generator, force): job for job in work
                }
                for future in as_completed(futures):
                    try:
                        advance(future.result())
                    except CareplanError as err:
                        failed.extend(err.lines)
    finally:
        close()
    for line in failed:
        sys.stderr.write(f"careplan: {line}\n")
    written = len(work) - len(failed)
    out.write(f"Wrote {written} of {written + len(problems) + len(failed)} plans to {out_dir}.\n")
    return EXIT_OK if not problems and not failed else EXIT_BAD_INPUT
