"""How fast careplan is, measured on this machine next to its targets (run by hand, not a test).

Usage: .venv/bin/python bench/perf.py [--quick] [--think SECONDS] [--no-batch] [--no-chromium]
       .venv/bin/python bench/perf.py --split [--quick]

Every figure comes from fresh processes run with the environment a real install has (compiled
bytecode allowed, SOURCE_DATE_EPOCH fixed, PROMPT_TOOLKIT_NO_CPR=1). Times are medians.

`--split` prints only where the time of a cold `careplan --answers examples/first-spasm.json`
goes, measured inside fresh processes (Python's own start and exit, importing WeasyPrint and
careplan, making the plan and its HTML, WeasyPrint's layout, writing the PDF): a few seconds.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import itertools
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
STANDARD = EXAMPLES / "first-spasm.json"
CAREPLAN = Path(sys.executable).parent / "careplan"
EPOCH = "1795305600"  # 2026-11-22
MIB = 1024 * 1024
ENV = {
    **{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
    "SOURCE_DATE_EPOCH": EPOCH,
    "PROMPT_TOOLKIT_NO_CPR": "1",
}
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
ENTER = "\r"

#: The keys a person types to give the answers of examples/first-spasm.json.
#: Up from the first choice of a tick-list reaches its last, "None of these": tick it, Enter.
NONE_OF_THESE = "\x1b[A" + " " + ENTER
STANDARD_KEYS: dict[str, list[str]] = {
    "name": ["Alex" + ENTER],
    "age": ["42" + ENTER],
    "pregnant": ["n"],
    "symptoms": [NONE_OF_THESE, NONE_OF_THESE],
    "pain.leg": [ENTER],
    "pain.trigger": [ENTER],
    "pain.started_days_ago": ["2" + ENTER],
    "pain.where": [ENTER],
    "pain.now": ["6" + ENTER],
    "pain.worst": ["8" + ENTER],
    "pain.interferes": ["6" + ENTER],
    "pain.before": [ENTER],
    "conditions": [NONE_OF_THESE],
    "medicines": [NONE_OF_THESE],
    "alcohol_3_or_more_daily": ["n"],
    "weight_under_50kg": ["n"],
    "can_get_down_to_floor": ["y"],
    "activity": [ENTER],
    "goal": ["Pick up my daughter again" + ENTER],
    "goal_score": [ENTER],
    "paper": [ENTER],
    "large_print": ["n"],
    "review": [ENTER],
}

#: The same render as careplan's, with WeasyPrint alone: same HTML, assets and options.
BARE_WEASYPRINT = """
import json, sys
from datetime import datetime
import weasyprint

job = json.load(open(sys.argv[1], encoding="utf-8"))
html = open(job["html"], encoding="utf-8").read()
document = weasyprint.HTML(string=html, base_url=job["base_url"]).render(pdf_tags=True)
document.metadata.title = job["title"]
when = datetime.fromisoformat(job["when"])
attachments = [
    weasyprint.Attachment(created=when, modified=when, **attachment)
    for attachment in job["attachments"]
]
document.write_pdf(
    job["out"], attachments=attachments, pdf_tags=True, pdf_variant="pdf/ua-1",
    uncompressed_pdf=False,
)
"""


@dataclass(frozen=True)
class Run:
    """One measured process (tree): wall time, peak memory, exit status."""

    seconds: float
    peak_mib: float
    status: int
    pss_mib: float = 0.0
    cpu: float = 0.0
    others: float = 0.0
    finished: tuple[float, ...] = ()


def measure(argv: Sequence[str], cwd: Path | None = None) -> Run:
    """Wall time, peak RSS and CPU time of one fresh process, and the CPU others used.

    `finished` holds when each line of its output ("[3/24] wrote ...") appeared.
    """
    idle, total = _cpu_ticks()
    start = time.perf_counter()
    child = subprocess.Popen(argv, cwd=cwd, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    finished = []
    assert child.stdout is not None
    for _ in child.stdout:
        finished.append(time.perf_counter() - start)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0 and child.stderr is not None:
        sys.stderr.write(child.stderr.read().decode(errors="replace"))
    cpu = usage.ru_utime + usage.ru_stime
    idle_after, total_after = _cpu_ticks()
    ticks = os.sysconf("SC_CLK_TCK")
    used = (total_after - total - (idle_after - idle)) / ticks
    others = max(0.0, used - cpu) / (seconds * (os.cpu_count() or 1))
    return Run(
        seconds,
        usage.ru_maxrss / 1024,
        child.returncode,
        cpu=cpu,
        others=others,
        finished=tuple(finished),
    )


def _descendants(root: int) -> list[int]:
    parents: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            with contextlib.suppress(OSError):
                stat = Path(f"/proc/{entry}/stat").read_text()
                ppid = int(stat.rsplit(")", 1)[1].split()[1])
                parents.setdefault(ppid, []).append(int(entry))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(parents.get(pid, ()))
    return found


def _memory(pid: int) -> tuple[int, int]:
    rss = pss = 0
    with contextlib.suppress(OSError, ValueError):
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Rss:"):
                rss = int(line.split()[1]) * 1024
            elif line.startswith("Pss:"):
                pss = int(line.split()[1]) * 1024
    return rss, pss


def measure_tree(argv: Sequence[str]) -> Run:
    """Wall time and peak memory of a process and all its children, summed (sampled)."""
    start = time.perf_counter()
    child = subprocess.Popen(argv, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak_rss = peak_pss = 0
    while child.poll() is None:
        rss = pss = 0
        for pid in _descendants(child.pid):
            one_rss, one_pss = _memory(pid)
            rss, pss = rss + one_rss, pss + one_pss
        peak_rss, peak_pss = max(peak_rss, rss), max(peak_pss, pss)
        time.sleep(0.005)
    return Run(time.perf_counter() - start, peak_rss / MIB, child.returncode, peak_pss / MIB)


def median(values: Sequence[float]) -> float:
    """The median."""
    return statistics.median(values)


def _cpu_ticks() -> tuple[int, int]:
    fields = [int(f) for f in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return fields[3] + fields[4], sum(fields)  # idle and waiting for the disk; all


def others_busy(seconds: float = 1.0) -> float:
    """The share of all cores in use (by anything) over `seconds`."""
    idle, total = _cpu_ticks()
    time.sleep(seconds)
    idle_after, total_after = _cpu_ticks()
    return 1 - (idle_after - idle) / max(1, total_after - total)


def quiet(what: str, patience: float) -> str:
    """Wait up to `patience` seconds for the machine to be idle; how busy it was, as text."""
    deadline = time.monotonic() + patience
    busy = others_busy()
    while busy > 0.15 and time.monotonic() < deadline:
        busy = others_busy()
    if busy > 0.15:
        print(f"note: {busy:.0%} of the CPU is in use by other work while measuring {what}")
    return f"{busy:.0%}"


# --- start-up -------------------------------------------------------------------------------


def help_time(repeat: int) -> float:
    """Median wall time of `careplan --help`."""
    measure([str(CAREPLAN), "--help"])  # the first run may compile bytecode
    return median([measure([str(CAREPLAN), "--help"]).seconds for _ in range(repeat)])


#: `careplan` with the warm-up started as its very first step, as the interactive flow does.
WARM_CAREPLAN = """
import sys
from careplan.cli import start_warmup, today
start_warmup(today())
from careplan.cli import main
sys.exit(main())
"""


def first_question_time(repeat: int, warm_up: bool = False) -> float:
    """Median time from starting `careplan` in a terminal to its first question drawn."""
    import pexpect

    from careplan.intake.questions import QUESTIONS

    shown = QUESTIONS[0].message[:30]
    command = [sys.executable, "-c", WARM_CAREPLAN] if warm_up else [str(CAREPLAN)]
    times = []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as home:
            env = {**ENV, "HOME": home, "XDG_DATA_HOME": f"{home}/data"}
            start = time.perf_counter()
            child = pexpect.spawn(
                command[0],
                [*command[1:], "-o", f"{home}/plan.pdf"],
                cwd=home,
                env=env,
                encoding="utf-8",
                dimensions=(40, 120),
                timeout=30,
            )
            child.expect_exact(shown)
            times.append(time.perf_counter() - start)
            child.terminate(force=True)
    return median(times)


# --- the interactive flow (in a child process: --flow) --------------------------------------


def flow(think: float, warm_up: bool) -> dict[str, Any]:
    """The questionnaire typed by a person who takes `think` seconds per question, then the
    PDF written as `careplan` does it; seconds from the last key to the PDF on disk."""
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    from careplan import answers as answers_model
    from careplan import files
    from careplan.cli import GENERATOR, locale_paper, start_warmup, today
    from careplan.intake import questions
    from careplan.render import warm

    keys = {key: list(strokes) for key, strokes in STANDARD_KEYS.items()}
    last_key = [0.0]

    class Person(questions.Prompter):
        def __init__(self, pipe: Any) -> None:
            self.pipe = pipe

        def ask(self, question: questions.Question, doc: Any) -> Any:
            strokes = keys[question.key].pop(0)

            def type_after_thinking() -> None:
                time.sleep(think)
                last_key[0] = time.perf_counter()
                self.pipe.send_text(strokes)

            threading.Thread(target=type_after_thinking, daemon=True).start()
            return super().ask(question, doc)

    day = today()
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "plan.pdf"
        likely = {"paper": locale_paper(os.environ)}
        warmup = start_warmup(day, likely) if warm_up else None
        with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
            doc = questions.run(Person(pipe), on_answer=warmup.follow() if warmup else None)
        answers = answers_model.from_dict(doc).with_choices(paper=None, large_print=None)
        answers_model.check_adult(answers)
        from careplan.decide.select import make_plan
        from careplan.render.html import render_html

        plan = make_plan(answers, created=day, generator=GENERATOR)
        html = render_html(plan)
        if warmup is not None:
            data = warm.pdf(plan, html, warmup)
        else:
            from careplan.render.pdf import html_to_pdf

            data = html_to_pdf(plan, html)
        files.write_atomically(out, data, force=True)
        seconds = time.perf_counter() - last_key[0]
    return {
        "seconds": seconds,
        "standard": answers == answers_model.load(str(STANDARD)),
        "guesses": warmup.guesses if warmup else 0,
    }


def keystrokes(during_warm_up: bool, count: int = 60, gap: float = 0.025) -> dict[str, float]:
    """Milliseconds from a key sent to the prompt redrawn, while idle or while rendering."""
    import io

    import questionary
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.data_structures import Size
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output.vt100 import Vt100_Output

    from careplan.cli import start_warmup, today
    from careplan.intake.questions import QUESTIONS

    class Screen(io.StringIO):
        changed = False
        drawn = threading.Event()

        def flush(self) -> None:
            if self.changed:
                self.changed = False
                self.drawn.set()

    if during_warm_up:
        # The warm-up's two busy spells back to back: preparing, then the plan made ahead.
        warmup = start_warmup(today())
        asked = [f"{index}:{q.key}" for index, q in enumerate(QUESTIONS)]
        warmup.guess({**json.loads(STANDARD.read_text()), "_asked": asked})
    screen = Screen()
    output = Vt100_Output(screen, lambda: Size(rows=40, columns=120), term="xterm")
    delays: list[float] = []
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=output):
        question = questionary.text("How old are you (in years)?")
        buffer = question.application.layout.current_buffer

        def changed(_: Any) -> None:
            screen.changed = True

        buffer.on_text_changed += changed

        def type_keys() -> None:
            time.sleep(0.2)
            for _ in range(count):
                screen.drawn.clear()
                start = time.perf_counter()
                pipe.send_text("4")
                screen.drawn.wait(5)
                delays.append((time.perf_counter() - start) * 1000)
                time.sleep(gap)
            pipe.send_text(ENTER)

        typist = threading.Thread(target=type_keys)
        typist.start()
        question.unsafe_ask()
        typist.join()
    delays.sort()
    return {
        "median": median(delays),
        "p90": delays[int(len(delays) * 0.9)],
        "max": delays[-1],
    }


def in_child(mode: str, *args: str) -> dict[str, Any]:
    """Run one of this file's in-process measurements in a fresh interpreter."""
    result = subprocess.run(
        [sys.executable, __file__, f"--{mode}", *args],
        env=ENV,
        capture_output=True,
        text=True,
        check=True,
    )
    answer: dict[str, Any] = json.loads(result.stdout.splitlines()[-1])
    return answer


# --- cold renders: careplan, bare WeasyPrint, Chromium ---------------------------------------


@contextlib.contextmanager
def cold_inputs() -> Iterator[dict[str, Path]]:
    """The standard plan as careplan's HTML, a standalone HTML and a bare WeasyPrint job."""
    from datetime import date

    from careplan import answers as answers_model
    from careplan.cli import GENERATOR
    from careplan.decide.select import make_plan
    from careplan.render.html import document_title, render_html
    from careplan.render.resources import assets_dir

    day = date.fromtimestamp(int(EPOCH))
    plan = make_plan(answers_model.load(str(STANDARD)), created=day, generator=GENERATOR)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        (folder / "plan.html").write_text(render_html(plan), encoding="utf-8")
        (folder / "standalone.html").write_text(render_html(plan, standalone=True), "utf-8")
        record = json.dumps(plan.to_record(), indent=2, ensure_ascii=False) + "\n"
        job = {
            "html": str(folder / "plan.html"),
            "base_url": assets_dir().as_uri() + "/",
            "title": document_title(plan),
            "when": f"{day.isoformat()}T00:00:00+00:00",
            "out": str(folder / "bare.pdf"),
            "attachments": [
                {"string": answers_model.dumps(plan.answers), "name": "answers.json"},
                {"string": record, "name": "plan.json"},
            ],
        }
        (folder / "job.json").write_text(json.dumps(job), encoding="utf-8")
        (folder / "bare.py").write_text(BARE_WEASYPRINT, encoding="utf-8")
        yield {"folder": folder}


def cold_renders(repeat: int, chromium: str | None) -> dict[str, list[Run]]:
    """careplan --answers, bare WeasyPrint and Chromium, each cold, taking turns."""
    runs: dict[str, list[Run]] = {"careplan": [], "weasyprint": [], "chromium": []}
    with cold_inputs() as inputs:
        folder = inputs["folder"]
        commands: dict[str, Callable[[], Run]] = {
            "careplan": lambda: measure(
                [str(CAREPLAN), "--answers", str(STANDARD), "-o", str(folder / "c.pdf"), "--force"]
            ),
            "weasyprint": lambda: measure(
                [sys.executable, str(folder / "bare.py"), str(folder / "job.json")]
            ),
        }
        if chromium:

            def print_with_chromium() -> Run:
                with tempfile.TemporaryDirectory() as profile:
                    return measure_tree(
                        [
                            chromium,
                            *CHROMIUM_FLAGS,
                            f"--user-data-dir={profile}",
                            f"--print-to-pdf={folder / 'chromium.pdf'}",
                            (folder / "standalone.html").as_uri(),
                        ]
                    )

            commands["chromium"] = print_with_chromium
        for command in commands.values():
            command()  # once unmeasured: bytecode compiled, files in the page cache
        for _ in range(repeat):
            for name, command in commands.items():
                runs[name].append(command())
        sizes = {
            name: (folder / file).stat().st_size
            for name, file in (("careplan", "c.pdf"), ("weasyprint", "bare.pdf"))
        }
        if abs(sizes["careplan"] - sizes["weasyprint"]) > 0.02 * sizes["careplan"]:
            print(f"note: careplan and bare WeasyPrint PDFs differ in size: {sizes}")
    return runs


# --- the split: where a cold plan's time goes, inside one process ---------------------------

#: The parts of a cold `careplan --answers`, in the order they run, with what each holds.
SPLIT_PARTS = {
    "start": "Python's own start-up, with this script's few imports",
    "import WeasyPrint": "WeasyPrint, Pango and the rest through cffi",
    "import careplan": "careplan's modules and Jinja2",
    "plan": "answers → Plan → HTML; content read, templates compiled, figures drawn",
    "layout": "WeasyPrint lays the HTML out into pages",
    "write": "PDF bytes with answers.json and plan.json, written to a file",
    "exit": "after the file is written: exit handlers run, decoded fonts removed",
}


def split_once(out: Path) -> dict[str, float]:
    """Seconds of each part of a cold plan, in this (fresh) process; run by `--split-child`.

    The same steps as `careplan --answers examples/first-spasm.json -o OUT`, with a clock read
    between them: careplan's own render is `html_to_pdf`, layout and write in one call.
    """
    times: dict[str, float] = {}
    cpu: dict[str, float] = {}
    start, clock = time.perf_counter(), time.process_time()

    def lap(part: str) -> None:
        nonlocal start, clock
        times[part], cpu[part] = time.perf_counter() - start, time.process_time() - clock
        start, clock = time.perf_counter(), time.process_time()

    # careplan.render first, as careplan does: it has WeasyPrint's libraries found by file name.
    for module in ("careplan.render", "weasyprint"):
        importlib.import_module(module)

    lap("import WeasyPrint")
    from careplan import answers as answers_model
    from careplan import cli, files
    from careplan.decide.select import make_plan
    from careplan.render import pdf, warm
    from careplan.render.html import document_title, render_html

    lap("import careplan")
    answers = answers_model.load(str(STANDARD))
    answers = answers.with_choices(paper=answers.paper or cli.locale_paper(os.environ))
    plan = make_plan(answers, created=cli.today(), generator=cli.GENERATOR)
    html = render_html(plan)
    lap("plan")
    with warm.collector_paused(), pdf._clock_at(plan.created):
        lap("")
        document = pdf.laid_out(plan, html)  # laid out again, a step closer, when it must be
        lap("layout")
        document.metadata.title = document_title(plan)
        data = document.write_pdf(
            attachments=pdf._attachments(plan),
            pdf_tags=True,
            pdf_variant="pdf/ua-1",
            uncompressed_pdf=False,
            finisher=pdf.clinicians_language(plan),
        )
        files.write_atomically(out, data, force=True)
        lap("write")
    times["pages"] = float(len(document.pages))
    del times[""], cpu[""]
    return {**times, **{f"{part} cpu": seconds for part, seconds in cpu.items()}}


def split(repeat: int) -> dict[str, float]:
    """The median of each part over `repeat` fresh processes, after one unmeasured run.

    The parts inside are timed by the process itself; "start" is the time until its work
    began, "exit" the time from its report (the PDF written) to its end, and "total" its whole
    wall time: a cold plan made by the same steps as careplan's.
    """
    runs: list[dict[str, float]] = []
    with tempfile.TemporaryDirectory() as name:
        out = Path(name) / "split.pdf"
        command = [sys.executable, __file__, "--split-child", str(out)]
        subprocess.run(command, env=ENV, capture_output=True, check=True)  # bytecode, cache
        for _ in range(repeat):
            begun = time.perf_counter()
            child = subprocess.Popen(command, env=ENV, stdout=subprocess.PIPE, text=True)
            assert child.stdout is not None
            report = child.stdout.readline()
            reported = time.perf_counter()
            child.stdout.read()
            if child.wait() != 0:
                raise SystemExit(f"the split's process failed with status {child.returncode}")
            ended = time.perf_counter()
            parts: dict[str, float] = json.loads(report)
            inside = sum(v for k, v in parts.items() if k in SPLIT_PARTS)
            runs.append(
                {
                    **parts,
                    "start": reported - begun - inside,
                    "exit": ended - reported,
                    "total": ended - begun,
                }
            )
    return {key: median([run[key] for run in runs]) for key in runs[0]}


def split_rows(parts: dict[str, float], chromium: float | None = None) -> list[str]:
    """The split as lines of the table; against Chromium's cold print when it was measured."""
    total = parts["total"]
    lines = [
        row(
            f"cold plan, split ({parts['pages']:.0f} pages)",
            f"{total:.3f} s",
            f"{chromium:.3f} s Chromium" if chromium else "in one process, fresh",
            "",
            None,
            "",
        )
    ]
    for key, what in SPLIT_PARTS.items():
        share = f"{parts[key] / total:.0%}"
        against = f"{parts[key] / chromium:.2f} × Chromium" if chromium else ""
        lines.append(row(f"  {key}: {share}", f"{parts[key]:.3f} s", against, "", None, ""))
        used = f"; CPU {parts[key + ' cpu']:.3f} s" if key + " cpu" in parts else ""
        lines.append(f"      ({what}{used})")
    return lines


# --- batch -----------------------------------------------------------------------------------


def batch_times(
    counts: Sequence[int], jobs: Sequence[int], repeat: int
) -> dict[int, dict[int, Run]]:
    """The fastest of `repeat` runs of `careplan --batch` for each number of plans and jobs.

    Every input is the standard plan: with plans of one size, the last one to finish does not
    hide how the time grows.
    """
    times: dict[int, dict[int, Run]] = {j: {} for j in jobs}
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        for count in counts:
            source = folder / f"in-{count}"
            source.mkdir()
            for number in range(count):
                shutil.copy(STANDARD, source / f"{number:03d}-{STANDARD.name}")
        for _, count, j in itertools.product(range(repeat), counts, jobs):
            out = folder / f"out-{count}-{j}"
            run = measure(
                [
                    str(CAREPLAN),
                    "--batch",
                    str(folder / f"in-{count}"),
                    "--out-dir",
                    str(out),
                    "--jobs",
                    str(j),
                    "--force",
                ]
            )
            if run.status != 0:
                raise SystemExit(f"careplan --batch failed with status {run.status}")
            if count not in times[j] or run.seconds < times[j][count].seconds:
                times[j][count] = run
    return times


# --- sizes -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Size:
    """One example's PDF: bytes, pages, whether every font is a subset, raster images."""

    name: str
    size: int
    pages: int
    subset: bool | None
    images: int


def example_sizes() -> list[Size]:
    """Every example rendered by `careplan --answers`, and what its PDF holds."""
    from pypdf import PdfReader

    found = []
    with tempfile.TemporaryDirectory() as name:
        for example in sorted(EXAMPLES.glob("*.json")):
            out = Path(name) / f"{example.stem}.pdf"
            measure([str(CAREPLAN), "--answers", str(example), "-o", str(out), "--force"])
            reader = PdfReader(out)
            images = sum(len(page.images) for page in reader.pages)
            subset: bool | None = None
            if shutil.which("pdffonts"):
                listing = subprocess.run(
                    ["pdffonts", str(out)], capture_output=True, text=True, check=True
                ).stdout.splitlines()[2:]
                subset = all(line.split()[-4] == "yes" for line in listing if line.strip())
            found.append(Size(example.stem, out.stat().st_size, len(reader.pages), subset, images))
    return found


# --- the report ------------------------------------------------------------------------------


def row(what: str, value: str, against: str, target: str, met: bool | None, busy: str) -> str:
    """One line of the table."""
    verdict = {True: "met", False: "MISSED", None: ""}[met]
    return f"{what:<42} {value:>12}  {against:<34} {target:<9} {verdict:<7} {busy:>4}"


def main(argv: Sequence[str] | None = None) -> int:
    """Measure everything and print the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    parser.add_argument("--think", type=float, default=1.5, help="seconds per question")
    parser.add_argument("--patience", type=float, default=120, help="seconds to wait for quiet")
    parser.add_argument("--no-batch", action="store_true")
    parser.add_argument("--no-chromium", action="store_true")
    parser.add_argument("--flow", choices=("warm", "cold"), help=argparse.SUPPRESS)
    parser.add_argument("--keys", choices=("idle", "warm"), help=argparse.SUPPRESS)
    parser.add_argument(
        "--split", action="store_true", help="only where a cold plan's time goes (seconds)"
    )
    parser.add_argument("--split-child", metavar="OUT", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.split_child:
        print(json.dumps(split_once(Path(args.split_child))), flush=True)
        from careplan import stop

        stop.exit_now(0)  # as careplan ends
    if args.split:
        quiet("the split", min(args.patience, 10))
        print(row("measure", "careplan", "", "", None, ""))
        print("\n".join(split_rows(split(3 if args.quick else 5))))
        return 0
    if args.flow:
        print(json.dumps(flow(args.think, warm_up=args.flow == "warm")))
        return 0
    if args.keys:
        print(json.dumps(keystrokes(during_warm_up=args.keys == "warm")))
        return 0

    repeat = 3 if args.quick else 7
    chromium = None if args.no_chromium else shutil.which("chromium")
    lines = [
        f"careplan {time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} cores; 'busy': share of "
        "the CPU in use by others just before (batch: during) a measurement",
        row("measure", "careplan", "compared with", "target", None, "busy"),
        "-" * 112,
    ]

    def show(*new: str) -> None:
        lines.extend(new)
        print("\n".join(new), flush=True)

    print("\n".join(lines), flush=True)
    busy = quiet("start-up", args.patience)
    seconds = help_time(repeat * 2)
    show(row("careplan --help", f"{seconds:.3f} s", "", "≤ 0.15 s", seconds <= 0.15, busy))
    seconds = first_question_time(repeat)
    show(row("first question on screen", f"{seconds:.3f} s", "", "≤ 0.30 s", seconds <= 0.3, busy))
    seconds = first_question_time(repeat, warm_up=True)
    show(
        row(
            "  the same, warm-up started first",
            f"{seconds:.3f} s",
            "",
            "≤ 0.30 s",
            seconds <= 0.3,
            busy,
        )
    )

    busy = quiet("the interactive flow", args.patience)
    warm_flow = in_child("flow", "warm", "--think", str(args.think))
    cold_flow = in_child("flow", "cold", "--think", str(args.think))
    seconds = warm_flow["seconds"]
    show(
        row(
            f"last answer → PDF written ({args.think:g} s/question)",
            f"{seconds:.3f} s",
            f"{cold_flow['seconds']:.3f} s without the warm-up",
            "≤ 0.50 s",
            seconds <= 0.5,
            busy,
        )
    )
    if not warm_flow["standard"]:
        show("  (note: the typed answers differ from examples/first-spasm.json)")
    idle, during = in_child("keys", "idle"), in_child("keys", "warm")
    show(
        row(
            "  key → redrawn, p90 (max), warm-up busy",
            f"{during['p90']:.0f} ({during['max']:.0f}) ms",
            f"{idle['p90']:.0f} ({idle['max']:.0f}) ms with nothing running",
            "no lag",
            None,
            busy,
        )
    )

    busy = quiet("the cold renders", args.patience)
    runs = cold_renders(repeat, chromium)
    ours = median([r.seconds for r in runs["careplan"]])
    bare = median([r.seconds for r in runs["weasyprint"]])
    our_cpu = median([r.cpu for r in runs["careplan"]])
    bare_cpu = median([r.cpu for r in runs["weasyprint"]])
    our_peak = median([r.peak_mib for r in runs["careplan"]])
    bare_peak = median([r.peak_mib for r in runs["weasyprint"]])
    show(
        row(
            "cold careplan --answers first-spasm",
            f"{ours:.3f} s",
            f"{bare:.3f} s bare WeasyPrint",
            "",
            None,
            busy,
        ),
        row(
            "  time against bare WeasyPrint",
            f"{ours / bare:.2f} ×",
            f"CPU time {our_cpu:.2f} s / {bare_cpu:.2f} s = {our_cpu / bare_cpu:.2f} ×",
            "≤ 1.10 ×",
            ours <= 1.10 * bare,
            busy,
        ),
        row(
            "  peak memory",
            f"{our_peak:.0f} MiB",
            f"{bare_peak:.0f} MiB bare WeasyPrint",
            "",
            None,
            "",
        ),
    )
    if runs["chromium"]:
        theirs = median([r.seconds for r in runs["chromium"]])
        their_pss = median([r.pss_mib for r in runs["chromium"]])
        their_rss = median([r.peak_mib for r in runs["chromium"]])
        show(
            row(
                "  time against Chromium --print-to-pdf",
                f"{ours / theirs:.2f} ×",
                f"{theirs:.3f} s Chromium",
                "≤ 0.80 ×",
                ours <= 0.8 * theirs,
                busy,
            ),
            row(
                "  peak memory against Chromium",
                f"{our_peak / their_pss:.2f} ×",
                f"{their_pss:.0f} MiB PSS, all processes",
                "≤ 0.40 ×",
                our_peak <= 0.4 * their_pss,
                busy,
            ),
            f"  (Chromium's processes add up to {their_rss:.0f} MiB RSS, shared pages counted "
            "in each)",
        )

    # Where careplan's cold time goes, next to Chromium's cold print of the same run.
    chromium_seconds = median([r.seconds for r in runs["chromium"]]) if runs["chromium"] else None
    show(*split_rows(split(repeat), chromium_seconds))

    if not args.no_batch:
        busy = quiet("batch mode", args.patience)
        counts = (8, 16, 24)
        runs_by_jobs = batch_times(counts, (1, 2), 1 if args.quick else 3)
        rates = {}
        for j, by_count in runs_by_jobs.items():
            t = {count: run.seconds for count, run in by_count.items()}
            rates[j] = 16 / (t[24] - t[8])
            others = max(run.others for run in by_count.values())
            show(
                row(
                    f"batch --jobs {j}: marginal plans a second",
                    f"{rates[j]:.2f} /s",
                    "; ".join(f"{c} plans {t[c]:.1f} s" for c in counts),
                    "",
                    None,
                    f"{others:.0%}",
                )
            )
            # Linear: within the 24-plan run, plans 5-14 take as long as plans 15-24.
            done = by_count[24].finished
            first, second = done[13] - done[3], done[23] - done[13]
            show(
                row(
                    "  time grows linearly",
                    f"{second / first:.2f} ×",
                    f"plans 5-14 in {first:.1f} s, 15-24 in {second:.1f} s",
                    "1 ± 0.25",
                    abs(second / first - 1) <= 0.25,
                    f"{by_count[24].others:.0%}",
                )
            )
        speed_up = rates[2] / rates[1]
        others = max(run.others for by_count in runs_by_jobs.values() for run in by_count.values())
        show(
            row(
                "  2 jobs against 1",
                f"{speed_up:.2f} ×",
                "",
                "≥ 1.5 ×",
                speed_up >= 1.5,
                f"{others:.0%}",
            )
        )

    for size in example_sizes():
        show(
            row(
                f"PDF size {size.name}",
                f"{size.size / 1024:.0f} KB",
                f"{size.pages} pages; fonts subset: {size.subset}; {size.images} images",
                "< 300 KB",
                size.size < 300 * 1024,
                "",
            )
        )
    print("\n" + "\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
