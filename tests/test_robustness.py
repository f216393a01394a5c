"""Nothing lost, nothing leaked: output files, drafts, --from, and hostile text in the PDF."""

from __future__ import annotations

import errno
import io
import json
import os
import socket
import stat
from collections.abc import Callable, Iterator, Mapping
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfWriter

from careplan import answers, files
from careplan.cli import main
from careplan.errors import OutputError
from careplan.intake import drafts, questions
from tests.conftest import EXAMPLES
from tests.pdfutil import attachments, text

EPOCH = "1795305600"  # 2026-11-22
PLAIN: dict[str, Any] = json.loads((EXAMPLES / "first-spasm.json").read_text(encoding="utf-8"))


@pytest.fixture(autouse=True)
def isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A fixed date, and a data folder of the test's own, so no real draft is touched."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))


def run_cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main(args)
    out, err = capsys.readouterr()
    return status, out, err


def write_answers(folder: Path, **changes: Any) -> Path:
    path = folder / "answers.json"
    path.write_text(json.dumps({**PLAIN, **changes}, ensure_ascii=False), encoding="utf-8")
    return path


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


# --- writing files ---------------------------------------------------------------------------


def test_writes_new_file_with_ordinary_permissions(tmp_path: Path) -> None:
    target = tmp_path / "plan.pdf"
    files.write_atomically(target, b"new", force=False)
    assert target.read_bytes() == b"new"
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644 & ~umask
    assert leftovers(tmp_path) == []


def test_never_replaces_without_force(tmp_path: Path) -> None:
    target = tmp_path / "plan.pdf"
    target.write_bytes(b"old")
    with pytest.raises(OutputError, match="already exists; use --force"):
        files.write_atomically(target, b"new", force=False)
    assert target.read_bytes() == b"old"
    files.write_atomically(target, b"new", force=True)
    assert target.read_bytes() == b"new"
    assert leftovers(tmp_path) == []


def test_a_file_appearing_meanwhile_is_not_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "plan.pdf"
    check = files.check_writable

    def someone_else_writes(path: Path, *, force: bool) -> None:
        check(path, force=force)
        target.write_bytes(b"theirs")

    monkeypatch.setattr(files, "check_writable", someone_else_writes)
    with pytest.raises(OutputError, match="already exists"):
        files.write_atomically(target, b"ours", force=False)
    assert target.read_bytes() == b"theirs"
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("code", [errno.EPERM, errno.ENOTSUP, errno.EXDEV, errno.ENOSYS])
def test_without_hard_links_still_never_replaces(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    def no_links(src: Any, dst: Any) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "link", no_links)
    target = tmp_path / "plan.pdf"
    files.write_atomically(target, b"new", force=False)
    assert target.read_bytes() == b"new"
    assert leftovers(tmp_path) == []

    check = files.check_writable
    other = tmp_path / "other.pdf"

    def someone_else_writes(path: Path, *, force: bool) -> None:
        check(path, force=force)
        other.write_bytes(b"theirs")

    monkeypatch.setattr(files, "check_writable", someone_else_writes)
    with pytest.raises(OutputError, match="already exists"):
        files.write_atomically(other, b"ours", force=False)
    assert other.read_bytes() == b"theirs"
    assert leftovers(tmp_path) == []


def _disk_full_on_write(monkeypatch: pytest.MonkeyPatch) -> None:
    real_write = os.write

    def write(fd: int, data: Any) -> int:
        if len(data) > 1:  # half goes to disk, then the disk is full
            return real_write(fd, bytes(data[: len(data) // 2]))
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", write)


def _disk_full_on_fsync(monkeypatch: pytest.MonkeyPatch) -> None:
    def fsync(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", fsync)


def _quota_on_write(monkeypatch: pytest.MonkeyPatch) -> None:
    def write(fd: int, data: Any) -> int:
        raise OSError(errno.EDQUOT, "Disk quota exceeded")

    monkeypatch.setattr(os, "write", write)


@pytest.mark.parametrize(
    ("fail", "reason"),
    [
        (_disk_full_on_write, "the disk is full"),
        (_disk_full_on_fsync, "the disk is full"),
        (_quota_on_write, "the disk quota is used up"),
    ],
)
@pytest.mark.parametrize("force", [False, True])
def test_a_full_disk_leaves_the_old_file_and_no_scraps(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    fail: Callable[[pytest.MonkeyPatch], None],
    reason: str,
    force: bool,
) -> None:
    target = tmp_path / "plan.pdf"
    if force:
        target.write_bytes(b"old")
    fail(monkeypatch)
    with pytest.raises(OutputError, match=f"{target}: {reason}"):
        files.write_atomically(target, b"x" * 100_000, force=force)
    assert (target.read_bytes() == b"old") if force else not target.exists()
    assert leftovers(tmp_path) == []


def test_interrupted_write_leaves_no_scraps(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fsync(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", fsync)
    with pytest.raises(KeyboardInterrupt):
        files.write_atomically(tmp_path / "plan.pdf", b"x", force=False)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("target", "message"),
    [
        (lambda p: p, "is a folder; give a file name"),
        (lambda p: p / "missing" / "plan.pdf", "the folder {p}/missing does not exist"),
        (lambda p: p / "afile" / "plan.pdf", "{p}/afile is a file, not a folder"),
    ],
)
def test_bad_places_are_refused(
    tmp_path: Path, target: Callable[[Path], Path], message: str
) -> None:
    (tmp_path / "afile").write_bytes(b"")
    with pytest.raises(OutputError, match=message.format(p=tmp_path)):
        files.write_atomically(target(tmp_path), b"x", force=True)


def test_unwritable_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr("tempfile.mkstemp", refuse)
    with pytest.raises(OutputError, match="not allowed to write there"):
        files.write_atomically(tmp_path / "plan.pdf", b"x", force=False)
    monkeypatch.setattr(os, "access", lambda path, mode: False)
    with pytest.raises(OutputError, match=f"not allowed to write in {tmp_path}"):
        files.check_writable(tmp_path / "plan.pdf", force=False)


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_read_only_folder_for_real(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "locked"
    folder.mkdir(mode=0o500)
    source = write_answers(tmp_path)
    status, _, err = run_cli(["--answers", str(source), "-o", str(folder / "p.pdf")], capsys)
    assert status == 2 and "not allowed to write in" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "{p}/missing/plan.pdf"], "{p}/missing/plan.pdf: the folder {p}/missing does not"),
        (["-o", "{p}"], "{p}: is a folder"),
        (["-o", "{p}/old.pdf"], "{p}/old.pdf: already exists; use --force"),
        (["--save-answers", "{p}/old.pdf"], "{p}/old.pdf: already exists; use --force"),
        (["--save-answers", "{p}/no/a.json"], "{p}/no/a.json: the folder {p}/no does not exist"),
    ],
)
def test_output_problems_exit_2_before_any_work(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    (tmp_path / "old.pdf").write_bytes(b"old")
    source = write_answers(tmp_path)
    argv = ["--answers", str(source), *(a.format(p=tmp_path) for a in args)]
    if "-o" not in args:
        argv += ["-o", str(tmp_path / "new.pdf")]
    status, out, err = run_cli(argv, capsys)
    assert status == 2 and out == ""
    assert message.format(p=tmp_path) in err and "Traceback" not in err
    assert (tmp_path / "old.pdf").read_bytes() == b"old"
    assert not (tmp_path / "new.pdf").exists() and leftovers(tmp_path) == []


@pytest.mark.parametrize("which", ["pdf", "answers"])
def test_disk_full_through_the_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], which: str
) -> None:
    out, saved = tmp_path / "plan.pdf", tmp_path / "saved.json"
    out.write_bytes(b"old plan")
    saved.write_bytes(b"old answers")
    real_fsync = os.fsync
    victim = out if which == "pdf" else saved

    def fsync(fd: int) -> None:
        if os.readlink(f"/proc/self/fd/{fd}").startswith(f"{tmp_path}/.{victim.name}."):
            raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    argv = ["--answers", str(write_answers(tmp_path)), "-o", str(out)]
    status, _, err = run_cli([*argv, "--save-answers", str(saved), "--force"], capsys)
    assert status == 2
    assert err == f"careplan: {victim}: the disk is full\n"
    assert out.read_bytes() == b"old plan"
    assert leftovers(tmp_path) == []


# --- --from ----------------------------------------------------------------------------------


def pdf_with(attached: Mapping[str, bytes]) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    for name, data in attached.items():
        writer.add_attachment(name, data)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


GOOD_ANSWERS = json.dumps(PLAIN).encode()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"just some text\n", "not a PDF file"),
        (b"", "not a PDF file"),
        (pdf_with({}), "not a careplan plan (it has no answers.json inside)"),
        (pdf_with({"plan.json": b"{}"}), "not a careplan plan"),
        (pdf_with({"answers.json": GOOD_ANSWERS})[:-300], "damaged or incomplete PDF"),
        (pdf_with({"answers.json": GOOD_ANSWERS})[:400], "damaged or incomplete PDF"),
        (b"%PDF-1.7\n" + os.urandom(2000) + b"\n%%EOF\n", "a damaged PDF that cannot be read"),
        (pdf_with({"answers.json": b"{not json"}), "answers inside it (answers.json): not valid"),
        (pdf_with({"answers.json": b"\xff\xfe\x00"}), "(answers.json) are damaged: not UTF-8"),
        (
            pdf_with({"answers.json": json.dumps({**PLAIN, "age": "x"}).encode()}),
            "(answers.json): age: expected a whole number 0-120",
        ),
    ],
    ids=[
        "text",
        "empty",
        "no-attachments",
        "other-attachment",
        "truncated-end",
        "truncated-half",
        "garbage",
        "answers-not-json",
        "answers-not-utf8",
        "answers-invalid",
    ],
)
def test_from_a_file_that_is_not_a_careplan_pdf(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, message: str
) -> None:
    source = tmp_path / "plan.pdf"
    source.write_bytes(content)
    status, out, err = run_cli(["--from", str(source), "-o", str(tmp_path / "new.pdf")], capsys)
    assert status == 2 and out == ""
    assert message in err and err.startswith(f"careplan: {source}: ")
    assert "Traceback" not in err and not (tmp_path / "new.pdf").exists()


@pytest.mark.parametrize(
    ("make", "message"),
    [(lambda p: p / "none.pdf", "no such file"), (lambda p: p, "is a folder")],
)
def test_from_missing_or_folder(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    make: Callable[[Path], Path],
    message: str,
) -> None:
    status, _, err = run_cli(["--from", str(make(tmp_path)), "-o", str(tmp_path / "n.pdf")], capsys)
    assert status == 2 and message in err


def test_from_reads_the_attached_answers(tmp_path: Path) -> None:
    from careplan.intake.reread import answers_from_pdf

    source = tmp_path / "plan.pdf"
    source.write_bytes(pdf_with({"answers.json": GOOD_ANSWERS}))
    assert answers_from_pdf(source) == answers.from_dict(PLAIN)


# --- hostile text in the PDF -----------------------------------------------------------------


@pytest.fixture
def listener() -> Iterator[socket.socket]:
    """A local server that must never be contacted while a plan is made."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        server.setblocking(False)
        yield server


def contacted(server: socket.socket) -> bool:
    try:
        connection, _ = server.accept()
    except BlockingIOError:
        return False
    connection.close()
    return True


HOSTILE: list[tuple[str, str]] = [
    (
        "<link rel=attachment href=file:///etc/passwd>",
        "<img src=http://127.0.0.1:{port}/x><script>alert(1)</script>"
        '<link rel=stylesheet href="http://127.0.0.1:{port}/s.css">',
    ),
    (
        "</style><style>body{{display:none}}",
        "</title></q>”<style>@import url(http://127.0.0.1:{port}/i.css);</style>"
        "<object data=file:///etc/passwd></object>",
    ),
    (
        "file:///etc/passwd http://127.0.0.1:{port}/",
        "{{{{ 7 * 7 }}}} {{% include 'plan.html' %}} &amp; &lt;b&gt; <!-- --> ]]> %PDF-1.7",
    ),
    ("Ana" + "a" * 77, "W" * 80 + " then " + "w" * 80),
]


def _plan_record_shape(record: Mapping[str, Any]) -> Any:
    return (
        [(s["id"], s["kind"]) for s in record["sections"]],
        [e["id"] for e in record["exercises"]],
        [w["id"] for w in record["withheld"]],
        record["triage"],
    )


@pytest.fixture(scope="module")
def plain_record(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    from careplan.decide.select import make_plan

    plan = make_plan(answers.from_dict(PLAIN), created=date(2026, 11, 22), generator="test")
    return plan.to_record()


@pytest.mark.parametrize(("name", "goal"), HOSTILE, ids=["markup", "css", "urls", "long-words"])
def test_hostile_text_is_printed_as_text_and_never_fetched(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    listener: socket.socket,
    plain_record: dict[str, Any],
    name: str,
    goal: str,
) -> None:
    port = listener.getsockname()[1]
    name, goal = name.format(port=port), goal.format(port=port)
    source = write_answers(tmp_path, name=name, goal=goal)
    out = tmp_path / "plan.pdf"
    status, _, err = run_cli(["--answers", str(source), "-o", str(out)], capsys)
    assert status == 0, err
    assert not contacted(listener)
    found = attachments(out)
    assert sorted(found) == ["answers.json", "plan.json"]
    assert found["answers.json"]["name"] == name and found["answers.json"]["goal"] == goal
    assert _plan_record_shape(found["plan.json"]) == _plan_record_shape(plain_record)
    printed = text(out)
    squeezed = printed.replace(" ", "")
    assert name.replace(" ", "") in squeezed and goal.replace(" ", "") in squeezed
    assert "careplan" in printed.lower()
    data = out.read_bytes()
    assert b"root:x:0:0" not in data
    for action in (b"/URI", b"/Launch", b"/JavaScript", b"/JS ", b"/SubmitForm", b"/GoToR"):
        assert action not in data


def test_long_words_wrap_inside_the_page() -> None:
    """A name or goal of one long word must wrap, not run off the paper."""
    import weasyprint
    from weasyprint.formatting_structure.boxes import TextBox

    from careplan.decide.select import make_plan
    from careplan.render.fetcher import AssetFetcher
    from careplan.render.html import render_html
    from careplan.render.resources import assets_dir

    person = answers.from_dict({**PLAIN, "name": "W" * 80, "goal": "G" * 200})
    plan = make_plan(person, created=date(2026, 11, 22), generator="test")
    document = weasyprint.HTML(
        string=render_html(plan),
        base_url=assets_dir().as_uri() + "/",
        url_fetcher=AssetFetcher(assets_dir()),
    ).render()
    outside = []
    for number, page in enumerate(document.pages, start=1):
        box = page._page_box
        right = box.margin_width() - box.margin_right
        outside += [
            f"page {number}: {b.text[:20]}"
            for b in box.descendants()
            if isinstance(b, TextBox)
            and ("WWW" in b.text or "GGG" in b.text)
            and b.position_x + b.width > right + 1
        ]
    assert outside == []


# --- drafts ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("environ", "platform", "expected"),
    [
        ({"HOME": "/h", "XDG_DATA_HOME": "/x"}, "linux", "/x/careplan/draft.json"),
        ({"HOME": "/h", "XDG_DATA_HOME": "rel/x"}, "linux", "/h/.local/share/careplan/draft.json"),
        ({"HOME": "/h"}, "linux", "/h/.local/share/careplan/draft.json"),
        ({"HOME": "/h", "XDG_DATA_HOME": "/x"}, "darwin",
         "/h/Library/Application Support/careplan/draft.json"),
        ({"HOME": "/h", "LOCALAPPDATA": "/l"}, "win32", "/l/careplan/draft.json"),
    ],
)  # fmt: skip
def test_draft_location(environ: dict[str, str], platform: str, expected: str) -> None:
    assert drafts.draft_path(environ, platform) == Path(expected)


def test_draft_is_private_and_atomic(tmp_path: Path) -> None:
    path = tmp_path / "data" / "deeper" / "careplan" / "draft.json"
    old = os.umask(0)
    try:
        drafts.save({"format": answers.FORMAT, "_asked": ["0:name"], "name": "Alex"}, path)
        drafts.save({"format": answers.FORMAT, "_asked": ["0:name", "1:age"], "age": 42}, path)
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    for folder in (path.parent, path.parent.parent, path.parent.parent.parent):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert leftovers(path.parent) == []
    found = drafts.load(path)
    assert found.draft is not None and found.draft.answers["age"] == 42
    assert found.draft.answered == 2 and found.problem == ""


def test_an_existing_data_folder_is_made_private(tmp_path: Path) -> None:
    folder = tmp_path / "careplan"
    folder.mkdir(mode=0o755)
    drafts.save({"_asked": []}, folder / "draft.json")
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def _record(**changes: Any) -> dict[str, Any]:
    answers_so_far = {"format": answers.FORMAT, "_asked": ["0:name", "1:age"], "age": 42}
    return {
        "format": drafts.DRAFT_FORMAT,
        "questions": drafts.fingerprint(),
        "answers": answers_so_far,
        **changes,
    }


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"{not json", "cannot be read"),
        (b"\xff\xfe", "cannot be read"),
        (b"[]", "not a careplan draft"),
        (json.dumps(_record(format="x")).encode(), "not a careplan draft"),
        (json.dumps(_record(questions="0000")).encode(), "another version of careplan"),
        (json.dumps(_record(answers=[])).encode(), "not a careplan draft"),
        (json.dumps(_record(answers={"_asked": "0:name"})).encode(), "not a careplan draft"),
        (json.dumps(_record(answers={"_asked": [], "age": "x"})).encode(), "age: expected"),
        (json.dumps(_record(answers={"_asked": [], "pain": {"now": 11}})).encode(), "pain.now"),
        (json.dumps(_record(answers={"_asked": [], "shoe": 1})).encode(), "shoe: unknown"),
        (b" " * (answers.MAX_BYTES + 1), "too large"),
    ],
    ids=[
        "not-json",
        "not-utf8",
        "list",
        "format",
        "questions",
        "answers-list",
        "asked-text",
        "bad-age",
        "bad-pain",
        "unknown",
        "huge",
    ],
)
def test_a_damaged_draft_is_set_aside(tmp_path: Path, content: bytes, problem: str) -> None:
    path = tmp_path / "draft.json"
    path.write_bytes(content)
    found = drafts.load(path)
    assert found.draft is None and problem in found.problem
    assert not path.exists()
    assert found.set_aside == tmp_path / drafts.SET_ASIDE_NAME
    assert found.set_aside.read_bytes() == content


def test_no_draft(tmp_path: Path) -> None:
    assert drafts.load(tmp_path / "draft.json") == drafts.Found()


class Each(tuple[Any, ...]):
    """The replies to a question asked more than once, in order."""


class FakePrompter(questions.Prompter):
    """Answers from a table by question key; raises what the table says to raise."""

    def __init__(self, replies: Mapping[str, Any]) -> None:
        self.replies = {k: list(v) if isinstance(v, Each) else [v] for k, v in replies.items()}
        self.asked: list[str] = []

    def ask(self, question: questions.Question, doc: Mapping[str, Any]) -> Any:
        self.asked.append(question.key)
        reply = self.replies[question.key].pop(0)
        if isinstance(reply, BaseException):
            raise reply
        return reply


def test_keeper_offers_to_resume(tmp_path: Path) -> None:
    path = tmp_path / "draft.json"
    drafts.save(_record()["answers"], path)
    screen = io.StringIO()
    keeper = drafts.Keeper(path, screen)
    assert keeper.start(FakePrompter({"resume": True})) == _record()["answers"]
    assert path.exists()
    assert keeper.start(FakePrompter({"resume": False})) is None
    assert not path.exists()
    assert keeper.start(FakePrompter({})) is None  # nothing to offer: nothing asked


def test_keeper_tells_about_a_damaged_draft(tmp_path: Path) -> None:
    path = tmp_path / "draft.json"
    path.write_text("{", encoding="utf-8")
    screen = io.StringIO()
    assert drafts.Keeper(path, screen).start(FakePrompter({})) is None
    assert "could not be used" in screen.getvalue()
    assert str(tmp_path / drafts.SET_ASIDE_NAME) in screen.getvalue()


def test_keeper_carries_on_when_the_draft_cannot_be_saved(tmp_path: Path) -> None:
    (tmp_path / "data").write_bytes(b"a file where the folder should be")
    screen = io.StringIO()
    keeper = drafts.Keeper(tmp_path / "data" / "careplan" / "draft.json", screen)
    keeper.keep({"age": 42})
    keeper.keep({"age": 43})
    assert screen.getvalue().count("cannot be kept as a draft") == 1


class _Screen(io.StringIO):
    def __enter__(self) -> _Screen:
        return self

    def __exit__(self, *exc: object) -> None:
        pass


@pytest.fixture
def fake_terminal(monkeypatch: pytest.MonkeyPatch) -> Callable[[Mapping[str, Any]], FakePrompter]:
    """Make `main()` believe it runs in a terminal where the person answers from a table."""
    monkeypatch.setattr("sys.stdin.isatty", lambda: True, raising=False)
    monkeypatch.setattr("sys.stdin", type("Tty", (io.StringIO,), {"isatty": lambda self: True})())
    monkeypatch.setattr(questions, "terminal_session", _Screen)

    def install(replies: Mapping[str, Any]) -> FakePrompter:
        prompter = FakePrompter(replies)
        monkeypatch.setattr(questions, "Prompter", lambda: prompter)
        return prompter

    return install


PLAIN_REPLIES: dict[str, Any] = {
    "review": questions.ALL_RIGHT,
    "name": "Alex",
    "age": 42,
    "pregnant": False,
    "symptoms": Each(([], [])),
    "pain.leg": "none",
    "pain.trigger": "lifting",
    "pain.started_days_ago": 2,
    "pain.where": "lower",
    "pain.now": 6,
    "pain.worst": 8,
    "pain.interferes": 6,
    "pain.before": "first_time",
    "conditions": [],
    "medicines": [],
    "alcohol_3_or_more_daily": False,
    "weight_under_50kg": False,
    "can_get_down_to_floor": True,
    "activity": "mostly_sitting",
    "goal": "",
    "paper": "a4",
    "large_print": False,
}


def test_ctrl_c_keeps_a_draft_and_exits_130(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    fake_terminal: Callable[[Mapping[str, Any]], FakePrompter],
) -> None:
    fake_terminal({**PLAIN_REPLIES, "pain.now": KeyboardInterrupt()})
    status, out, err = run_cli(["-o", str(tmp_path / "plan.pdf")], capsys)
    saved = "Your 8 answers are saved. Run careplan again to carry on."
    assert status == 130 and err == f"\ncareplan: cancelled.\n{saved}\n" and out == ""
    found = drafts.load(drafts.draft_path())
    assert found.draft is not None
    assert found.draft.answers["pain"] == {"leg": "none", "trigger": "lifting",
                                           "started_days_ago": 2, "where": "lower"}  # fmt: skip


@pytest.mark.parametrize("error", [EOFError(), answers.NotForChildrenError("young")])
def test_other_endings_keep_the_draft(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    fake_terminal: Callable[[Mapping[str, Any]], FakePrompter],
    error: BaseException,
) -> None:
    fake_terminal({**PLAIN_REPLIES, "pregnant": error})
    status, _, err = run_cli(["-o", str(tmp_path / "plan.pdf")], capsys)
    assert status == 2 and err.count("\n") == 1
    assert drafts.draft_path().exists()


def test_resumed_draft_finishes_and_is_removed(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    fake_terminal: Callable[[Mapping[str, Any]], FakePrompter],
) -> None:
    fake_terminal({**PLAIN_REPLIES, "medicines": KeyboardInterrupt()})
    assert run_cli(["-o", str(tmp_path / "plan.pdf")], capsys)[0] == 130
    prompter = fake_terminal({"resume": True, "medicines": ["blood_thinner"], **{
        k: v for k, v in PLAIN_REPLIES.items() if k not in ("medicines",)}})  # fmt: skip
    status, out, _ = run_cli(["-o", str(tmp_path / "plan.pdf")], capsys)
    assert status == 0 and "Wrote" in out
    assert prompter.asked[:2] == ["resume", "medicines"]
    assert attachments(tmp_path / "plan.pdf")["answers.json"]["medicines"] == ["blood_thinner"]
    assert not drafts.draft_path().exists()


def test_a_run_from_a_file_leaves_the_draft_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = drafts.draft_path()
    drafts.save(_record()["answers"], path)
    source = write_answers(tmp_path, age=12)
    assert run_cli(["--answers", str(source), "-o", str(tmp_path / "p.pdf")], capsys)[0] == 2
    assert path.exists()
    good = write_answers(tmp_path)
    assert run_cli(["--answers", str(good), "-o", str(tmp_path / "q.pdf")], capsys)[0] == 0
    assert path.exists()  # a plan written from a file removes no questionnaire's draft


@pytest.mark.parametrize("stdin", ["", "{}"])
def test_no_terminal_without_answers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, stdin: str
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    status, out, err = run_cli(["-o", str(tmp_path / "plan.pdf")], capsys)
    assert status == 2 and out == ""
    assert err == "careplan: interactive session required: use --answers FILE\n"


def test_a_closed_output_pipe_is_not_an_internal_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    class ClosedPipe(io.StringIO):
        def write(self, text: str) -> int:
            raise BrokenPipeError(errno.EPIPE, "Broken pipe")

    monkeypatch.setattr("sys.stdout", ClosedPipe())
    assert main(["--schema"]) == 1
    assert capsys.readouterr().err == ""
