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
    errno.EACCES: "not allowed to write there",
    errno.EPERM: "not allowed to write there",
    errno.EROFS: "the disk is read-only",
    errno.ENOENT: "the folder does not exist",
    errno.ENOTDIR: "part of the path is not a folder",
}


def check_writable(path: Path, *, force: bool) -> None:
    """Fail early, before any work, when `path` cannot or must not be written."""
    if path.is_dir():
        raise OutputError(f"{path}: is a folder; give a file name for the plan")
    if path.exists() and not force:
        raise OutputError(f"{path}: already exists; use --force to replace it")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"{path}: the folder {folder} does not exist")
    if not os.access(folder, os.W_OK):
        raise OutputError(f"{path}: not allowed to write in {folder}")


def write_atomically(path: Path, data: bytes, *, force: bool) -> None:
    """Write `data` to `path` through a temporary file and a rename: old file or new, never half."""
    check_writable(path, force=force)
    folder = path.parent if str(path.parent) else Path(".")
    fd, temp = -1, ""
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
        with os.fdopen(fd, "wb") as file:
            fd = -1
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temp, 0o644 & ~_umask())
        if force:
            os.replace(temp, path)
        else:
            # link() fails if someone created the file meanwhile: never replace it silently.
            os.link(temp, path)
            os.unlink(temp)
        temp = ""
    except FileExistsError:
        raise OutputError(f"{path}: already exists; use --force to replace it") from None
    except OSError as err:
        reason = _REASONS.get(err.errno or 0, err.strerror or "cannot write it")
        raise OutputError(f"{path}: {reason}") from None
    finally:
        if fd >= 0:
            os.close(fd)
        if temp:
            with contextlib.suppress(OSError):
                os.unlink(temp)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
