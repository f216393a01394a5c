"""Writing output safely: never over an existing file without --force, never half a file."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path

from careplan.errors import OutputError

_REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EFBIG: "the file is too large for this disk",
    errno.EACCES: "not allowed to write there",
    errno.EPERM: "not allowed to write there",
    errno.EROFS: "the disk is read-only",
    errno.ENOENT: "the folder does not exist",
    errno.ENOTDIR: "part of the path is not a folder",
    errno.EISDIR: "is a folder; give a file name",
    errno.ENAMETOOLONG: "the name is too long",
    errno.EIO: "the disk reported an error",
}

#: Errors from os.link meaning "this file system has no hard links", not "not allowed".
_NO_HARD_LINKS = frozenset(
    {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.ENOSYS, errno.EMLINK}
)


def _folder(path: Path) -> Path:
    return path.parent if str(path.parent) else Path(".")


def check_writable(path: Path, *, force: bool) -> None:
    """Fail early, before any work, when `path` cannot or must not be written."""
    if path.is_dir():
        raise OutputError(f"{path}: is a folder; give a file name for the plan")
    if path.exists() and not force:
        raise OutputError(f"{path}: already exists; use --force to replace it")
    folder = _folder(path)
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"{path}: {folder} is a file, not a folder")
    if not folder.is_dir():
        raise OutputError(f"{path}: the folder {folder} does not exist")
    if not os.access(folder, os.W_OK):
        raise OutputError(f"{path}: not allowed to write in {folder}")


def write_atomically(path: Path, data: bytes, *, force: bool, mode: int = 0o644) -> None:
    """Write `data` to `path` through a temporary file and a rename: old file or new, never half.

    Without `force` an existing file is never replaced, even one that appeared meanwhile.
    `mode` is narrowed by the umask.
    """
    check_writable(path, force=force)
    folder = _folder(path)
    temp = ""
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
        try:
            _write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.chmod(temp, mode & ~_umask())
        if force:
            os.replace(temp, path)
        else:
            _move_without_replacing(temp, path)
        temp = ""
        _sync_folder(folder)
    except FileExistsError:
        raise OutputError(f"{path}: already exists; use --force to replace it") from None
    except OSError as err:
        reason = _REASONS.get(err.errno or 0, err.strerror or "cannot write it")
        raise OutputError(f"{path}: {reason}") from None
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
