"""Drafts: the answers of an unfinished questionnaire, kept so that nothing typed is lost."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import stat
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, TextIO

from careplan import answers as answers_model
from careplan import messages
from careplan import plan as plan_model
from careplan.errors import OutputError
from careplan.intake import questions
from careplan.intake import terminal_words as said

DRAFT_FORMAT = "careplan-draft/1"
FILE_NAME = "draft.json"
SET_ASIDE_NAME = "draft.damaged.json"

Doc = dict[str, Any]


def data_dir(environ: Mapping[str, str] | None = None, platform: str | None = None) -> Path | None:
    """The user's data folder for careplan (XDG on Linux, Application Support on macOS).

    None when there is no usable home folder (HOME unset, empty, relative or "/") and no
    absolute XDG_DATA_HOME: drafts are then not kept, rather than kept somewhere shared.
    """
    environ = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    given = environ.get("HOME", "")
    home = Path(given) if given and Path(given).is_absolute() and Path(given) != Path("/") else None
    if platform == "win32" and environ.get("LOCALAPPDATA"):
        return Path(environ["LOCALAPPDATA"]) / "careplan"
    xdg = environ.get("XDG_DATA_HOME", "")
    if platform not in ("darwin", "win32") and xdg and Path(xdg).is_absolute():
        return Path(xdg) / "careplan"
    if home is None:
        return None
    if platform == "darwin":
        return home / "Library" / "Application Support" / "careplan"
    if platform == "win32":
        local = environ.get("LOCALAPPDATA")
        return (Path(local) if local else home / "AppData" / "Local") / "careplan"
    # The XDG spec says a relative XDG_DATA_HOME is invalid and must be ignored.
    return home / ".local" / "share" / "careplan"


def draft_path(
    environ: Mapping[str, str] | None = None, platform: str | None = None
) -> Path | None:
    """Where the draft of an unfinished questionnaire is kept; None if nowhere is safe."""
    folder = data_dir(environ, platform)
    return None if folder is None else folder / FILE_NAME


def fingerprint() -> str:
    """Names the questionnaire's questions in order: a draft from other questions is not resumed."""
    keys = "\n".join(f"{i}:{q.key}:{q.kind}" for i, q in enumerate(questions.QUESTIONS))
    return hashlib.sha256(keys.encode()).hexdigest()[:16]


@dataclass(frozen=True)
class SavedDraft:
    """A draft read back: the answers so far and when they were last saved."""

    answers: Doc
    saved: datetime

    @property
    def answered(self) -> int:
        """How many questions were answered."""
        return len(self.answers.get("_asked", ()))


@dataclass(frozen=True)
class Found:
    """What `load` found: a usable draft, and where a damaged one was set aside."""

    draft: SavedDraft | None = None
    set_aside: Path | None = None
    problem: str = ""


def _make_private_folder(folder: Path) -> None:
    missing = [p for p in (folder, *folder.parents) if not p.exists() and not p.is_symlink()]
    for part in reversed(missing):
        part.mkdir(mode=0o700, exist_ok=True)
    # Answers about someone's health: only they may list or read the folder. Changed through
    # the folder itself, never through a link (whose target, /tmp say, is not ours to change).
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    except OSError as err:
        if err.errno in (errno.ELOOP, errno.ENOTDIR) and folder.is_symlink():
            raise OutputError(messages.drafts_folder_is_a_link(str(folder))) from None
        raise
    try:
        if os.fstat(fd).st_uid != os.getuid():
            raise OutputError(messages.drafts_folder_not_yours(str(folder)))
        os.fchmod(fd, 0o700)
    finally:
        os.close(fd)


def save(doc: Mapping[str, Any], path: Path) -> None:
    """Keep the answers so far at `path`, atomically, readable by the user only."""
    from careplan import files

    _make_private_folder(path.parent)
    record = {"format": DRAFT_FORMAT, "questions": fingerprint(), "answers": doc}
    data = json.dumps(record, indent=1, ensure_ascii=False).encode("utf-8")
    files.write_atomically(path, data, force=True, mode=0o600)


def _problem(record: Any) -> str:
    if not isinstance(record, dict) or record.get("format") != DRAFT_FORMAT:
        return messages.NOT_A_DRAFT
    if record.get("questions") != fingerprint():
        return messages.DRAFT_OTHER_VERSION
    answers = record.get("answers")
    if not isinstance(answers, dict):
        return messages.NOT_A_DRAFT
    asked = answers.get("_asked")
    if not isinstance(asked, list) or not all(isinstance(m, str) for m in asked):
        return messages.NOT_A_DRAFT
    problems = answers_model.validate_partial({k: v for k, v in answers.items() if k != "_asked"})
    return problems[0] if problems else ""


def _read_private(path: Path) -> bytes | str:
    """The draft's bytes, or why it is not read: only an ordinary file, not a link, a pipe or a
    device, and not too large. A draft others may read is made private at once."""
    try:
        first = os.lstat(path)  # a device or a pipe is not even opened
        if stat.S_ISLNK(first.st_mode):
            return messages.DRAFT_IS_A_LINK
        if not stat.S_ISREG(first.st_mode):
            return messages.NOT_AN_ORDINARY_FILE
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW)
    except OSError as err:
        if err.errno == errno.ELOOP:
            return messages.DRAFT_IS_A_LINK
        return messages.draft_unreadable(err.strerror or type(err).__name__)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return messages.NOT_AN_ORDINARY_FILE
        if info.st_size > answers_model.MAX_BYTES:
            return messages.TOO_LARGE
        if stat.S_IMODE(info.st_mode) & 0o077 and info.st_uid == os.getuid():
            os.fchmod(fd, 0o600)
        data = os.read(fd, answers_model.MAX_BYTES + 1)
        return messages.TOO_LARGE if len(data) > answers_model.MAX_BYTES else data
    except OSError as err:
        return messages.draft_unreadable(err.strerror or type(err).__name__)
    finally:
        os.close(fd)


def _read(path: Path) -> tuple[Doc | None, str]:
    data = _read_private(path)
    if isinstance(data, str):
        return None, data
    try:
        record = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as err:
        return None, messages.draft_unreadable(type(err).__name__)
    problem = _problem(record)
    return (None, problem) if problem else (record["answers"], "")


def load(path: Path) -> Found:
    """The draft at `path`, if any; a damaged one is set aside (renamed), never fatal."""
    if not path.exists() and not path.is_symlink():
        return Found()
    answers, problem = _read(path)
    if answers is not None:
        saved = datetime.fromtimestamp(path.stat().st_mtime)
        return Found(draft=SavedDraft(answers=answers, saved=saved))
    aside = path.with_name(SET_ASIDE_NAME)
    try:
        os.replace(path, aside)
    except OSError:
        discard(path)
        return Found(problem=problem)
    return Found(set_aside=aside, problem=problem)


def discard(path: Path) -> None:
    """Remove the draft at `path`, if there is one."""
    with contextlib.suppress(OSError):
        path.unlink()


def resume_question(draft: SavedDraft) -> questions.Question:
    """The question that offers to continue an unfinished questionnaire or start over."""
    day = plan_model.date_words(draft.saved.date(), said.LANGUAGE)
    when = said.RESUME_WHEN.format(date=day, time=f"{draft.saved:%H:%M}")
    return questions.Question(
        "resume",
        questions.SELECT,
        said.RESUME[1 if draft.answered == 1 else 2].format(when=when, count=draft.answered),
        choices=(
            questions.Choice(True, said.RESUME_CONTINUE),
            questions.Choice(False, said.RESUME_START_OVER),
        ),
    )


class Keeper:
    """The draft of one interactive session: saved after every answer, removed once finished."""

    def __init__(self, path: Path | None, screen: TextIO) -> None:
        self.path = path
        self.screen = screen
        self.failed = False

    def start(self, prompter: questions.Prompter) -> Doc | None:
        """The answers to start from: a draft the person chose to continue, or None."""
        if self.path is None:
            self._cannot_keep(messages.NO_HOME)
            return None
        found = load(self.path)
        if found.problem:
            aside = answers_model.printable(str(found.set_aside))
            said_now = (
                said.DRAFT_SET_ASIDE.format(problem=found.problem, path=aside)
                if found.set_aside
                else said.DRAFT_UNUSABLE.format(problem=found.problem)
            )
            self.screen.write(said_now + "\n")
            self.screen.flush()
        if found.draft is None:
            return None
        if prompter.ask(resume_question(found.draft), {}):
            return found.draft.answers
        discard(self.path)
        return None

    def keep(self, doc: Mapping[str, Any]) -> None:
        """Save the answers so far; a draft that cannot be saved is a warning, not a failure."""
        if self.path is None:
            return
        try:
            save(doc, self.path)
        except (OSError, OutputError) as err:
            reason = err.lines[-1] if isinstance(err, OutputError) else err.strerror
            self._cannot_keep(str(reason))

    def _cannot_keep(self, reason: str) -> None:
        if not self.failed:
            self.screen.write(said.NOT_KEPT.format(reason=reason) + "\n")
            self.screen.flush()
        self.failed = True
