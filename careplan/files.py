"""Writing output safely: never over an existing file without --force, never half a file."""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import stat
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

from careplan import messages
from careplan.answers import printable
from careplan.errors import OutputError

#: Errors from os.link meaning "this file system has no hard links", not "not allowed".
_NO_HARD_LINKS = frozenset(
    {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.ENOSYS, errno.EMLINK}
)


def _folder(path: Path) -> Path:
    return path.parent if str(path.parent) else Path(".")


#: The signals careplan turns into a clean stop (see careplan.cli): held back while a file is
#: put in place, so that a stop never leaves half of that step done.
STOP_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)


def _name_max(folder: Path) -> int:
    try:
        return os.pathconf(folder, "PC_NAME_MAX")
    except (OSError, ValueError, AttributeError):
        return 255


def check_writable(path: Path, *, force: bool) -> None:
    """Fail early, before any work, when `path` cannot or must not be written.

    Only an ordinary file is ever replaced, with `force`: a device (/dev/null), a pipe, a
    socket or a link is refused, even with `force`, because replacing it would remove it.
    """
    shown = printable(str(path))
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        info = None
    except OSError as err:
        if err.errno == errno.ENAMETOOLONG:
            most = _name_max(_folder(path))
            if len(os.fsencode(path.name)) > most:
                raise OutputError(messages.name_too_long(shown, most)) from None
            raise OutputError(messages.path_too_long(shown)) from None
        info = None
    if info is not None:
        if stat.S_ISDIR(info.st_mode):
            raise OutputError(messages.output_is_a_folder(shown))
        if not stat.S_ISREG(info.st_mode):
            raise OutputError(messages.never_replaced(shown, stat.S_ISLNK(info.st_mode)))
        if not force:
            raise OutputError(messages.already_exists(shown))
    folder = _folder(path)
    if folder.exists() and not folder.is_dir():
        raise OutputError(messages.folder_is_a_file(shown, printable(str(folder))))
    if not folder.is_dir():
        raise OutputError(messages.no_such_folder(shown, printable(str(folder))))
    most = _name_max(folder)
    if len(os.fsencode(path.name)) > most:
        raise OutputError(messages.name_too_long(shown, most))
    if not os.access(folder, os.W_OK):
        raise OutputError(messages.not_allowed_to_write_in(shown, printable(str(folder))))


def _temp_prefix(path: Path) -> str:
    # ".NAME.XXXXXXXX.part" beside the file, or a short name when that would be too long.
    prefix = f".{path.name}."
    if len(os.fsencode(prefix)) + 16 > _name_max(_folder(path)):
        prefix = ".careplan."
    return prefix


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """Hold back the stop signals while the block runs; they arrive as soon as it ends."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(
        signal, "pthread_sigmask"
    ):
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def write_atomically(path: Path, data: bytes, *, force: bool, mode: int = 0o644) -> None:
    """Write `data` to `path` through a temporary file and a rename: old file or new, never half.

    Without `force` an existing file is never replaced, even one that appeared meanwhile.
    `mode` is narrowed by the umask.
    """
    check_writable(path, force=force)
    folder = _folder(path)
    temp = ""
    try:
        with signals_held():  # a stop between creating it and noting its name would leave it
            fd, temp = tempfile.mkstemp(prefix=_temp_prefix(path), suffix=".part", dir=folder)
        try:
            _write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.chmod(temp, mode & ~_umask())
        with signals_held():  # in place, and the temporary name gone: all of it, or none
            check_writable(path, force=force)
            if force:
                os.replace(temp, path)
            else:
                _move_without_replacing(temp, path)
            temp = ""
        _sync_folder(folder)
    except FileExistsError:
        raise OutputError(messages.already_exists(printable(str(path)))) from None
    except OSError as err:
        reason = messages.WRITE_REASONS.get(err.errno or 0, err.strerror or messages.CANNOT_WRITE)
        raise OutputError(messages.in_file(printable(str(path)), reason)) from None
    finally:
        if temp:
            with contextlib.suppress(OSError):
                os.unlink(temp)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _move_without_replacing(temp: str, path: Path) -> None:
    try:
        # link() fails if someone created the file meanwhile: never replace it silently.
        os.link(temp, path)
    except OSError as err:
        if isinstance(err, FileExistsError) or err.errno not in _NO_HARD_LINKS:
            raise
        # No hard links here (FAT, some network shares): claim the name with an exclusive
        # create, then rename over that empty placeholder, which is ours to replace.
        placeholder = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.close(placeholder)
        try:
            os.replace(temp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(path)
            raise
        return
    os.unlink(temp)


def _sync_folder(folder: Path) -> None:
    # Make the rename itself durable; not every system can open a folder, which is fine.
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
