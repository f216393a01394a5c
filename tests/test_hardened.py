"""Hostile files, special targets, signals and shutdown: bad input is exit 2, nothing left behind.

Memory limits are set on the processes the tests start (RLIMIT_AS), never measured by time;
signals go only to processes the tests started, once they show they are ready (a file appears,
a line is printed); FIFOs, links and temporary folders live in each test's own folder.
"""

from __future__ import annotations

import io
import json
import os
import resource
import signal
import stat
import subprocess
import sys
import termios
import time
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfWriter
from pypdf.generic import ArrayObject, NameObject

from careplan import answers, batch, files
from careplan.cli import main
from careplan.intake import drafts
from tests.conftest import EXAMPLES, ROOT

EPOCH = "1795305600"  # 2026-11-22
PLAIN: dict[str, Any] = json.loads((EXAMPLES / "first-spasm.json").read_text(encoding="utf-8"))
GOOD = json.dumps(PLAIN).encode()
MB = 1 << 20
CAREPLAN = (sys.executable, "-m", "careplan")
#: Long enough for any of these processes to finish; reached only when something hangs.
PATIENCE = 240


@pytest.fixture(autouse=True)
def isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A fixed date, and a data folder of the test's own, so no real draft is touched."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))


def environment(tmp_path: Path, **changes: str) -> dict[str, str]:
    """The environment of a process a test starts: its own TMPDIR, data folder and date."""
    temp = tmp_path / "tmp"
    temp.mkdir(exist_ok=True)
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "TMPDIR": str(temp)}
    env.update(XDG_DATA_HOME=str(tmp_path / "data"), PROMPT_TOOLKIT_NO_CPR="1", **changes)
    env.pop("CAREPLAN_DEBUG", None)
    return env


def memory_limit(megabytes: int) -> Callable[[], None]:
    def limit() -> None:
        size = megabytes * MB
        resource.setrlimit(resource.RLIMIT_AS, (size, size))

    return limit


def careplan(
    tmp_path: Path, *args: str, megabytes: int | None = None, code: str = ""
) -> subprocess.CompletedProcess[str]:
    """Run careplan in a process of its own (with a memory limit), after `code` if given."""
    prelude = f"{code}\nimport sys\nfrom careplan.cli import main\nsys.exit(main(sys.argv[1:]))"
    return subprocess.run(
        [sys.executable, "-c", prelude, *args],
        cwd=tmp_path,
        env=environment(tmp_path),
        capture_output=True,
        text=True,
        timeout=PATIENCE,
        preexec_fn=memory_limit(megabytes) if megabytes else None,
        check=False,
    )


def python(tmp_path: Path, code: str, *, megabytes: int) -> str:
    """Run Python `code` in a process of its own with a memory limit; its standard output."""
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=environment(tmp_path),
        capture_output=True,
        text=True,
        timeout=PATIENCE,
        preexec_fn=memory_limit(megabytes),
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def lines_of(err: str) -> list[str]:
    return err.splitlines()


def scraps(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*") if p.name.endswith(".part"))


def font_folders(tmp_path: Path) -> list[str]:
    return sorted(p.name for p in (tmp_path / "tmp").iterdir())


# --- 1. a small file that takes a lot of memory ----------------------------------------------


def nested_around_a_long_list() -> bytes:
    """0.92 MB: an object nested 900 levels deep with 40-letter keys around 440,000 zeros."""
    key = "k" * 40
    inner = "[" + ",".join(["0"] * 440_000) + "]"
    return (f'{{"{key}":' * 900 + inner + "}" * 900).encode()


def test_deep_keys_around_a_long_list_are_bad_input_not_a_memory_error(tmp_path: Path) -> None:
    source = tmp_path / "deep.json"
    source.write_bytes(nested_around_a_long_list())
    assert source.stat().st_size < answers.MAX_BYTES
    done = careplan(tmp_path, "--answers", str(source), "-o", "plan.pdf", megabytes=600)
    assert done.returncode == 2, done.stderr
    assert f"careplan: {source}: kkkk" in done.stderr and "unknown field" in done.stderr
    assert "internal error" not in done.stderr and not (tmp_path / "plan.pdf").exists()


def test_a_duplicate_key_deep_inside_is_still_named() -> None:
    with pytest.raises(answers.AnswersError) as caught:
        answers.parse('{"pain": {"list": [1, {"a": 1, "a": 2}]}}', "x.json")
    assert "x.json: pain.list[1].a: given more than once; expected each field once" in (
        caught.value.lines
    )


def test_in_a_batch_the_memory_eater_does_not_stop_the_others(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "deep.json").write_bytes(nested_around_a_long_list())
    for name in ("first-spasm", "pregnant"):
        (folder / f"{name}.json").write_bytes((EXAMPLES / f"{name}.json").read_bytes())
    code = (
        "from pathlib import Path\nfrom careplan.batch import plan_jobs\n"
        f"jobs, problems = plan_jobs(Path({str(folder)!r}), Path({str(tmp_path)!r}), force=False)\n"
        "print(len(jobs)); print(*problems, sep='\\n')"
    )
    out = python(tmp_path, code, megabytes=600).splitlines()
    assert out[0] == "2"
    assert any(line.startswith(f"{folder / 'deep.json'}: kkkk") for line in out[1:])


# --- 2, 3. --from: compression bombs, two answers, size, encryption --------------------------


def pdf_with(*attached: tuple[str, bytes], password: str = "") -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    for name, data in attached:
        writer.add_attachment(name, data)
    if password:
        writer.encrypt(password)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def bomb_pdf(copies: int, size: int) -> bytes:
    """`copies` attachments named answers.json, each `size` bytes of spaces in two Flate layers."""
    packed = zlib.compress(zlib.compress(b" " * size, 9), 9)
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    for _ in range(copies):
        writer.add_attachment("answers.json", b"{}")
    for entry in writer.attachment_list:
        stream = entry.pdf_object["/EF"]["/F"].get_object()  # type: ignore[index]
        stream.set_data(packed)
        stream[NameObject("/Filter")] = ArrayObject([NameObject("/FlateDecode")] * 2)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("copies", "message"),
    [(1, "the answers inside it are too large"), (100, "has 100 attachments named answers.json")],
    ids=["one-bomb", "a-hundred-bombs"],
)
def test_compression_bombs_are_never_unpacked_whole(
    tmp_path: Path, copies: int, message: str
) -> None:
    source = tmp_path / "bomb.pdf"
    source.write_bytes(bomb_pdf(copies, 60 * MB))
    assert source.stat().st_size < MB
    done = careplan(tmp_path, "--from", str(source), "-o", "plan.pdf", megabytes=500)
    assert done.returncode == 2, done.stderr
    assert len(lines_of(done.stderr)) == 1
    assert done.stderr.startswith(f"careplan: {source}: {message}")
    assert not (tmp_path / "plan.pdf").exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            pdf_with(("answers.json", GOOD), ("answers.json", GOOD)),
            "has 2 attachments named answers.json",
        ),
        (pdf_with(("answers.json", GOOD), password="secret"), "an encrypted (password-protected)"),
    ],
    ids=["two-answers", "encrypted"],
)
def test_from_a_pdf_that_is_ambiguous_or_locked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, message: str
) -> None:
    source = tmp_path / "plan.pdf"
    source.write_bytes(content)
    status = main(["--from", str(source), "-o", str(tmp_path / "new.pdf")])
    err = capsys.readouterr().err
    assert status == 2 and len(lines_of(err)) == 1
    assert err.startswith(f"careplan: {source}: {message}")
    assert "damaged" not in err and not (tmp_path / "new.pdf").exists()


def sparse(path: Path, size: int, start: bytes = b"", end: bytes = b"") -> Path:
    with path.open("wb") as file:
        file.write(start)
        file.truncate(size - len(end))
        file.seek(size - len(end))
        file.write(end)
    return path


def test_from_a_huge_file_is_refused_before_reading(tmp_path: Path) -> None:
    source = sparse(tmp_path / "huge.pdf", 100 * MB, b"%PDF-1.7\n", b"\n%%EOF\n")
    done = careplan(tmp_path, "--from", str(source), "-o", "plan.pdf", megabytes=250)
    assert done.returncode == 2, done.stderr
    assert lines_of(done.stderr) == [
        f"careplan: {source}: 100 MB is too large for a careplan plan (at most 16 MB)"
    ]


def test_a_huge_file_in_a_batch_is_refused_before_reading(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    sparse(folder / "big.json", 400 * MB, b"{")
    (folder / "ok.json").write_bytes(GOOD)
    code = (
        "from pathlib import Path\nfrom careplan.batch import plan_jobs\n"
        f"jobs, problems = plan_jobs(Path({str(folder)!r}), Path({str(tmp_path)!r}), force=False)\n"
        "print(len(jobs)); print(*problems, sep='\\n')"
    )
    assert python(tmp_path, code, megabytes=250).splitlines() == [
        "1",
        f"{folder / 'big.json'}: 400.0 MB is too large for an answers file (at most 1 MB)",
    ]


@pytest.mark.parametrize("option", ["--answers", "--from"])
def test_a_fifo_as_input_is_refused_without_waiting(tmp_path: Path, option: str) -> None:
    fifo = tmp_path / "input"
    os.mkfifo(fifo)
    done = careplan(tmp_path, option, str(fifo), "-o", "plan.pdf")
    assert done.returncode == 2
    assert f"careplan: {fifo}: not an ordinary file (a pipe, device or socket)" in done.stderr
    assert len(lines_of(done.stderr)) == 1


# --- 4. special files are never replaced -----------------------------------------------------


def _fifo(tmp_path: Path) -> Path:
    os.mkfifo(tmp_path / "target")
    return tmp_path / "target"


def _link_to_file(tmp_path: Path) -> Path:
    (tmp_path / "real.pdf").write_bytes(b"theirs")
    (tmp_path / "target").symlink_to(tmp_path / "real.pdf")
    return tmp_path / "target"


def _link_to_null(tmp_path: Path) -> Path:
    (tmp_path / "target").symlink_to("/dev/null")
    return tmp_path / "target"


def _dangling_link(tmp_path: Path) -> Path:
    (tmp_path / "target").symlink_to(tmp_path / "nowhere")
    return tmp_path / "target"


@pytest.mark.parametrize("make", [_fifo, _link_to_file, _link_to_null, _dangling_link])
@pytest.mark.parametrize("option", ["-o", "--save-answers"])
def test_special_targets_are_refused_even_with_force(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    make: Callable[[Path], Path],
    option: str,
) -> None:
    from careplan.render import warm

    monkeypatch.setattr(warm, "pdf", lambda *a: pytest.fail("rendered despite the bad target"))
    target = make(tmp_path)
    before = os.lstat(target)
    source = tmp_path / "answers.json"
    source.write_bytes(GOOD)
    args = ["--answers", str(source), "--force", option, str(target)]
    if option != "-o":
        args += ["-o", str(tmp_path / "plan.pdf")]
    status = main(args)
    err = capsys.readouterr().err
    assert status == 2 and len(lines_of(err)) == 1
    assert err.startswith(f"careplan: {target}: is ") and "even with --force" in err
    after = os.lstat(target)
    assert (after.st_ino, after.st_mode) == (before.st_ino, before.st_mode)
    assert not (tmp_path / "plan.pdf").exists()
    if (tmp_path / "real.pdf").exists():
        assert (tmp_path / "real.pdf").read_bytes() == b"theirs"


def test_the_writer_itself_refuses_a_special_file(tmp_path: Path) -> None:
    fifo = _fifo(tmp_path)
    with pytest.raises(files.OutputError, match="not an ordinary file"):
        files.write_atomically(fifo, b"x", force=True)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode) and scraps(tmp_path) == []


def test_dash_writes_the_pdf_to_standard_output(tmp_path: Path) -> None:
    source = tmp_path / "answers.json"
    source.write_bytes(GOOD)
    done = subprocess.run(
        [sys.executable, "-m", "careplan", "--answers", str(source), "-o", "-"],
        cwd=tmp_path,
        env=environment(tmp_path),
        capture_output=True,
        timeout=PATIENCE,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(b"%PDF-") and b"%%EOF" in done.stdout[-1024:]
    said = done.stderr.decode().splitlines()
    assert said[0].startswith("Now: ") and said[1] == "Wrote your plan to standard output."
    assert not (tmp_path / "-").exists()


# --- 5. batch shutdown -----------------------------------------------------------------------


def children(pid: int) -> list[int]:
    found = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return [int(child) for child in found]


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


def wait_until(condition: Callable[[], bool], what: str) -> None:
    """Wait for a condition (not a time): PATIENCE is only there to end a hang."""
    deadline = time.monotonic() + PATIENCE
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"still waiting for {what}")
        time.sleep(0.05)


@pytest.fixture
def busy_batch(tmp_path: Path) -> Iterator[Callable[[], tuple[subprocess.Popen[str], list[int]]]]:
    """Start a batch of 12 plans on 2 workers; return it and its workers once one is written."""
    started: list[subprocess.Popen[str]] = []

    def start() -> tuple[subprocess.Popen[str], list[int]]:
        folder = tmp_path / "in"
        folder.mkdir()
        for number in range(12):
            (folder / f"p{number:02d}.json").write_bytes(GOOD)
        process = subprocess.Popen(
            [*CAREPLAN, "--batch", str(folder), "--out-dir", str(tmp_path / "out"), "--jobs", "2"],
            cwd=tmp_path,
            env=environment(tmp_path),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        started.append(process)
        assert process.stdout is not None
        first = process.stdout.readline()
        assert "] wrote " in first, first
        return process, children(process.pid)

    yield start
    for process in started:
        if process.poll() is None:
            process.kill()
            process.wait()


@pytest.mark.parametrize(
    ("signum", "status"),
    [(signal.SIGINT, 130), (signal.SIGTERM, 143), (signal.SIGHUP, 129)],
    ids=["INT", "TERM", "HUP"],
)
def test_a_stopped_batch_says_exactly_what_it_wrote(
    tmp_path: Path,
    busy_batch: Callable[[], tuple[subprocess.Popen[str], list[int]]],
    signum: int,
    status: int,
) -> None:
    process, workers = busy_batch()
    assert len(workers) == 2
    for _ in range(3):  # pressed three times: the second and third change nothing
        process.send_signal(signum)
    out, err = process.communicate(timeout=PATIENCE)
    assert process.returncode == status, err
    written = sorted((tmp_path / "out").glob("*.pdf"))
    assert f"Stopped: wrote {len(written)} of 12 plans to {tmp_path / 'out'}.\n" in out
    assert "Traceback" not in err and "Exception ignored" not in err
    assert err.endswith("careplan: cancelled.\n")
    wait_until(lambda: not any(alive(pid) for pid in workers), "the workers to end")
    assert scraps(tmp_path / "out") == [] and font_folders(tmp_path) == []
    for plan in written:
        assert plan.read_bytes().rstrip().endswith(b"%%EOF")


def test_workers_end_with_their_parent_however_it_ends(
    tmp_path: Path, busy_batch: Callable[[], tuple[subprocess.Popen[str], list[int]]]
) -> None:
    process, workers = busy_batch()
    process.kill()  # nothing can be handled: the kernel tells the workers
    process.wait()
    wait_until(lambda: not any(alive(pid) for pid in workers), "the orphaned workers to end")
    assert scraps(tmp_path / "out") == [] and font_folders(tmp_path) == []


def test_jobs_are_capped_at_the_cores(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    made: list[int] = []
    real_pool = batch._pool

    def pool(workers: int) -> Any:
        made.append(workers)
        return real_pool(workers)

    def render_one(job: batch.Job, *args: Any) -> str:
        job.output.write_bytes(b"%PDF-stand-in")
        return str(job.output)

    monkeypatch.setattr(batch, "_pool", pool)
    monkeypatch.setattr(batch, "render_one", render_one)
    monkeypatch.setattr(batch, "default_jobs", lambda: 2)
    folder = tmp_path / "in"
    folder.mkdir()
    for number in range(3):
        (folder / f"p{number}.json").write_bytes(GOOD)
    args = ["--batch", str(folder), "--out-dir", str(tmp_path / "out"), "--jobs", "1000"]
    assert main(args) == 0
    assert made == [2]
    assert "Wrote 3 of 3 plans" in capsys.readouterr().out


# --- 6. single plan: SIGTERM and SIGHUP leave nothing behind ---------------------------------

#: Run before careplan in the process a test starts: stops at a chosen point, says so by
#: making a file, and waits there for the test's signal.
PAUSE = """
import os, signal, time
from pathlib import Path
READY = Path(os.environ["TMPDIR"]).parent / "ready"
def pause(until=lambda: False):
    READY.write_text("ready")
    deadline = time.monotonic() + 200
    while not until() and time.monotonic() < deadline:
        time.sleep(0.01)
"""


def started(tmp_path: Path, code: str, *args: str) -> subprocess.Popen[str]:
    source = tmp_path / "answers.json"
    source.write_bytes(GOOD)
    (tmp_path / "out").mkdir()
    prelude = f"{PAUSE}\n{code}\nimport sys\nfrom careplan.cli import main\nsys.exit(main())"
    process = subprocess.Popen(
        [sys.executable, "-c", prelude, "--answers", str(source), *args],
        cwd=tmp_path,
        env=environment(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    wait_until(lambda: (tmp_path / "ready").exists() or process.poll() is not None, "readiness")
    return process


WHILE_RENDERING = """
import weasyprint
real_write_pdf = weasyprint.Document.write_pdf
def write_pdf(self, *args, **kwargs):
    pause()
    return real_write_pdf(self, *args, **kwargs)
weasyprint.Document.write_pdf = write_pdf
"""

WHILE_WRITING = """
real_fsync = os.fsync
def fsync(fd):
    if os.readlink(f"/proc/self/fd/{fd}").endswith(".part"):
        pause()
    real_fsync(fd)
os.fsync = fsync
"""

#: No hard links here; the signal comes as the plan is moved into place.
WHILE_MOVING = """
import errno
def link(src, dst):
    raise OSError(errno.EPERM, "Operation not permitted")
os.link = link
real_replace = os.replace
def replace(src, dst):
    if str(dst).endswith("plan.pdf"):
        pause(lambda: signal.SIGTERM in signal.sigpending())
    real_replace(src, dst)
os.replace = replace
"""


@pytest.mark.parametrize(
    ("signum", "status"), [(signal.SIGTERM, 143), (signal.SIGHUP, 129)], ids=["TERM", "HUP"]
)
@pytest.mark.parametrize("when", [WHILE_RENDERING, WHILE_WRITING], ids=["rendering", "writing"])
def test_a_stopped_plan_leaves_nothing_behind(
    tmp_path: Path, signum: int, status: int, when: str
) -> None:
    process = started(tmp_path, when, "-o", str(tmp_path / "out" / "plan.pdf"))
    process.send_signal(signum)
    _, err = process.communicate(timeout=PATIENCE)
    assert process.returncode == status, err
    assert err == "\ncareplan: cancelled.\n"
    assert list((tmp_path / "out").iterdir()) == [] and font_folders(tmp_path) == []


def test_without_hard_links_a_stop_leaves_no_empty_plan(tmp_path: Path) -> None:
    plan = tmp_path / "out" / "plan.pdf"
    process = started(tmp_path, WHILE_MOVING, "-o", str(plan))
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=PATIENCE)
    assert process.returncode == 143, err
    assert scraps(tmp_path / "out") == [] and font_folders(tmp_path) == []
    # The move had begun: it is finished, whole, and only then does careplan stop.
    assert plan.read_bytes().startswith(b"%PDF-") and plan.read_bytes().rstrip().endswith(b"%%EOF")


def spawn_questionnaire(tmp_path: Path, **env: str) -> Any:
    import pexpect

    return pexpect.spawn(
        sys.executable,
        ["-m", "careplan", "-o", str(tmp_path / "plan.pdf")],
        cwd=tmp_path,
        env=environment(tmp_path, **env),
        encoding="utf-8",
        codec_errors="replace",
        timeout=PATIENCE,
        dimensions=(24, 100),
    )


@pytest.mark.parametrize(
    ("signum", "status"), [(signal.SIGTERM, 143), (signal.SIGHUP, 129)], ids=["TERM", "HUP"]
)
def test_a_stop_at_a_question_gives_the_terminal_back(
    tmp_path: Path, signum: int, status: int
) -> None:
    import pexpect

    child = spawn_questionnaire(tmp_path)
    child.expect("How old are you")
    child.kill(signum)
    child.expect(pexpect.EOF)
    echo = termios.tcgetattr(child.child_fd)[3] & termios.ECHO
    child.close()
    assert child.exitstatus == status
    assert echo, "the terminal was left without echo"
    assert font_folders(tmp_path) == []


# --- 7, 8, 9, 10 -----------------------------------------------------------------------------


def test_json_lines_split_at_newlines_only(tmp_path: Path) -> None:
    docs = [{**PLAIN, "name": "Ann\u2028Lee"}, {**PLAIN, "name": "Bo\u2029Chan"}]
    source = tmp_path / "clinic.jsonl"
    source.write_text("\n".join(json.dumps(d, ensure_ascii=False) for d in docs) + "\n")
    jobs, problems = batch.plan_jobs(source, tmp_path, force=False)
    assert problems == []
    assert [j.output.name for j in jobs] == ["line-0001-annlee.pdf", "line-0002-bochan.pdf"]
    assert [j.label for j in jobs] == [f"{source}:1", f"{source}:2"]


def test_a_too_long_name_is_refused_before_rendering(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from careplan.render import warm

    source = tmp_path / "answers.json"
    source.write_bytes(GOOD)
    real = warm.pdf
    monkeypatch.setattr(warm, "pdf", lambda *a: pytest.fail("rendered for a name too long"))
    target = tmp_path / ("p" * 252 + ".pdf")
    assert main(["--answers", str(source), "-o", str(target)]) == 2
    assert (
        capsys.readouterr().err == f"careplan: {target}: the name is too long (at most 255 bytes)\n"
    )
    monkeypatch.setattr(warm, "pdf", real)
    longest = tmp_path / ("p" * 246 + ".pdf")  # 250 characters: a legal name, written
    assert main(["--answers", str(source), "-o", str(longest)]) == 0
    assert longest.read_bytes().startswith(b"%PDF-") and scraps(tmp_path) == []


HOSTILE_NAMES = ["x\x1b]0;PWNED\x07\x1b[2J.json", "line1\nFAKE: all 2 plans written.json"]


def test_file_names_are_printed_with_controls_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in HOSTILE_NAMES:
        (folder / name).write_text("{not json")
    assert main(["--batch", str(folder), "--out-dir", str(tmp_path / "out")]) == 2
    assert main(["--answers", str(tmp_path / HOSTILE_NAMES[0]), "-o", "x.pdf"]) == 2
    out, err = capsys.readouterr()
    assert "\x1b" not in out + err and "\x07" not in out + err
    assert all(line.startswith("careplan: ") for line in lines_of(err))
    assert len(lines_of(err)) == 3
    assert "x\\u001b]0;PWNED\\u0007\\u001b[2J.json" in err
    assert "line1\\u000aFAKE: all 2 plans written.json: not valid JSON" in err


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("Nguyễn", None),
        ("Nguye\u0302\u0303n", None),  # the same, decomposed: two marks on one letter
        ("שָׁלוֹם", None),
        ("a" + "\u0301" * 79, "name: has more than 4 accent marks on one letter (at character 6)"),
        ("Zoe" + "\u0308" * 5, "name: has more than 4 accent marks on one letter (at character 8)"),
    ],
    ids=["vietnamese", "decomposed", "hebrew-points", "79-accents", "5-accents"],
)
def test_a_letter_carries_at_most_four_marks(name: str, problem: str | None) -> None:
    problems = answers.validate({**PLAIN, "name": name})
    assert problems == ([] if problem is None else [problem + "; they would print over the "
                                                    "lines above and below"])  # fmt: skip
    if problem is not None:
        goal = answers.validate({**PLAIN, "goal": "walk " + name})
        assert len(goal) == 1 and goal[0].startswith("goal: has more than 4 accent marks")


# --- 11. drafts ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "environ", [{"HOME": ""}, {}, {"HOME": "/"}, {"HOME": "relative"}], ids=str
)
def test_no_home_no_draft_anywhere_shared(environ: dict[str, str]) -> None:
    assert drafts.draft_path(environ, "linux") is None
    assert drafts.draft_path({**environ, "XDG_DATA_HOME": "/x"}, "linux") == Path(
        "/x/careplan/draft.json"
    )


def test_without_a_home_the_person_is_told_and_nothing_is_kept() -> None:
    screen = io.StringIO()
    keeper = drafts.Keeper(None, screen)
    assert keeper.start(drafts.questions.Prompter()) is None
    keeper.keep({"age": 42})
    assert screen.getvalue() == (
        "(Your answers cannot be kept as a draft: no home folder (HOME is not set).)\n"
    )


def test_a_linked_data_folder_is_never_changed(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o1777)
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "careplan").symlink_to(shared)
    screen = io.StringIO()
    keeper = drafts.Keeper(tmp_path / "data" / "careplan" / "draft.json", screen)
    keeper.keep({"age": 42})
    assert stat.S_IMODE(shared.stat().st_mode) == 0o1777
    assert list(shared.iterdir()) == []
    assert "cannot be kept as a draft" in screen.getvalue() and "is a link" in screen.getvalue()


def test_a_draft_others_can_read_is_made_private_at_once(tmp_path: Path) -> None:
    path = tmp_path / "data" / "careplan" / "draft.json"
    drafts.save({"format": answers.FORMAT, "_asked": ["0:name"], "name": "Alex"}, path)
    os.chmod(path, 0o644)
    found = drafts.load(path)
    assert found.draft is not None
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def _link_to_zero(path: Path) -> None:
    path.symlink_to("/dev/zero")


def _fifo_draft(path: Path) -> None:
    os.mkfifo(path)


def _huge_draft(path: Path) -> None:
    sparse(path, 200 * MB, b"{")


@pytest.mark.parametrize(
    ("make", "problem"),
    [
        (_link_to_zero, "it is a link, not a file"),
        (_fifo_draft, "not an ordinary file"),
        (_huge_draft, "too large"),
    ],
    ids=["dev-zero", "fifo", "huge"],
)
def test_a_draft_that_is_no_file_is_set_aside_at_once(
    tmp_path: Path, make: Callable[[Path], None], problem: str
) -> None:
    path = tmp_path / "data" / "careplan" / "draft.json"
    path.parent.mkdir(parents=True)
    make(path)
    code = (
        "from pathlib import Path\nfrom careplan.intake import drafts\n"
        f"found = drafts.load(Path({str(path)!r}))\nprint(found.problem)\n"
        "print(found.draft is None, found.set_aside is not None)"
    )
    assert python(tmp_path, code, megabytes=300).splitlines() == [problem, "True True"]
    assert not path.exists() and not path.is_symlink()


def test_kill_int_at_the_resume_question_cancels_at_once(tmp_path: Path) -> None:
    import pexpect

    path = drafts.draft_path()
    assert path is not None
    drafts.save({"format": answers.FORMAT, "_asked": ["0:name"], "name": "Alex"}, path)
    child = spawn_questionnaire(tmp_path)
    child.expect("Continue where")
    child.kill(signal.SIGINT)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert path.exists()


# --- smaller ---------------------------------------------------------------------------------


@pytest.mark.parametrize("epoch", ["99999999999999999999", "-99999999999999", "1e3"])
def test_a_date_out_of_range_is_bad_input(
    epoch: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    assert main(["--answers", str(EXAMPLES / "first-spasm.json"), "-o", "x.pdf"]) == 2
    err = capsys.readouterr().err
    assert len(lines_of(err)) == 1 and err.startswith("careplan: SOURCE_DATE_EPOCH: expected")


def test_the_questionnaire_runs_in_the_c_locale(tmp_path: Path) -> None:
    import pexpect

    child = spawn_questionnaire(
        tmp_path, LANG="C", LC_ALL="C", PYTHONUTF8="0", PYTHONCOERCECLOCALE="0"
    )
    child.expect("About you")
    child.expect("How old are you")
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130


def test_batch_files_in_other_encodings_get_a_clear_line(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "utf16.json").write_bytes(json.dumps(PLAIN).encode("utf-16"))
    (folder / "latin1.json").write_bytes(b'{"name": "Jos\xe9"}')
    jobs, problems = batch.plan_jobs(folder, tmp_path, force=False)
    assert jobs == []
    assert problems == [
        f"{folder / 'latin1.json'}: not a text file (expected UTF-8 JSON; byte 14 is not UTF-8)",
        f"{folder / 'utf16.json'}: saved as UTF-16 text; save it as UTF-8",
    ]


def test_json_lines_in_other_encodings_get_a_clear_line(tmp_path: Path) -> None:
    source = tmp_path / "clinic.jsonl"
    source.write_bytes(json.dumps(PLAIN).encode("utf-16"))
    with pytest.raises(answers.InputFileError, match="saved as UTF-16 text; save it as UTF-8"):
        batch.plan_jobs(source, tmp_path, force=False)
    source.write_bytes(GOOD + b"\n" + b'{"name": "Jos\xe9"}\n')
    jobs, problems = batch.plan_jobs(source, tmp_path, force=False)
    assert len(jobs) == 1
    assert problems == [f"{source}:2: not a text file (expected UTF-8 JSON; byte 14 is not UTF-8)"]


def test_json_messages_say_at_once() -> None:
    with pytest.raises(answers.AnswersError) as caught:
        answers.parse('{"name": "a\nb"}', "x.json")
    assert caught.value.lines == (
        "x.json: not valid JSON: Invalid control character at line 1, column 12",
    )


def test_batch_folders_report_what_they_cannot_use(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "UPPER.JSON").write_bytes(GOOD)
    (folder / "gone.json").symlink_to(folder / "nowhere.json")
    (folder / "box.json").mkdir()
    (folder / "notes.txt").write_text("not an input")
    jobs, problems = batch.plan_jobs(folder, tmp_path, force=False)
    assert [j.output.name for j in jobs] == ["UPPER.pdf"]
    assert problems == [
        f"{folder / 'box.json'}: is a folder, not an answers file",
        f"{folder / 'gone.json'}: a link to a file that does not exist",
    ]


def test_same_plan_name_from_two_files_is_reported(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.JSON").write_bytes(GOOD)
    (folder / "a.json").write_bytes(GOOD)
    jobs, problems = batch.plan_jobs(folder, tmp_path, force=False)
    assert len(jobs) == 1 and len(problems) == 1
    assert "would have the same name as the plan of" in problems[0]


def test_a_render_starts_no_helper_programs(tmp_path: Path) -> None:
    shims = tmp_path / "shims"
    shims.mkdir()
    log = tmp_path / "started"
    for program in ("gcc", "cc", "ld", "ldconfig", "objdump"):
        shim = shims / program
        shim.write_text(f'#!/bin/sh\necho {program} >> "{log}"\nexit 1\n')
        shim.chmod(0o755)
    source = tmp_path / "answers.json"
    source.write_bytes(GOOD)
    env = environment(tmp_path, PATH=f"{shims}:{os.environ['PATH']}")
    done = subprocess.run(
        [sys.executable, "-m", "careplan", "--answers", str(source), "-o", "plan.pdf"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=PATIENCE,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert not log.exists(), log.read_text()


#: A process that ends by `stop.exit_now`: an exit handler, a thread still at work, text not
#: yet flushed, and an object whose clean-up would run only as the interpreter is torn down.
EXITS_NOW = """
import atexit, sys, threading, time
from pathlib import Path
from careplan import stop

folder = Path(sys.argv[1])
atexit.register(lambda: (folder / "exit handler").write_text("ran"))


def late():
    time.sleep(0.3)
    (folder / "thread").write_text("ran")


class TornDown:
    def __del__(self):
        (folder / "torn down").write_text("ran")


kept = TornDown()
threading.Thread(target=late).start()
sys.stdout.write("written, not flushed")
sys.stderr.write("and this")
stop.exit_now(3)
"""


def test_exit_now_ends_as_python_does_less_the_tear_down(tmp_path: Path) -> None:
    """`careplan` ends with `stop.exit_now`: its status, the threads that are not daemons waited
    for, the exit handlers run (the decoded fonts removed), both streams flushed; only the
    freeing of what is left is skipped (the test fails on `sys.exit`, which frees it)."""
    done = subprocess.run(
        [sys.executable, "-c", EXITS_NOW, str(tmp_path)],
        env=environment(tmp_path),
        capture_output=True,
        text=True,
        timeout=PATIENCE,
        check=False,
    )
    assert done.returncode == 3
    assert (done.stdout, done.stderr) == ("written, not flushed", "and this")
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["exit handler", "thread"]
