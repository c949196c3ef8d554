"""The output folder's file system, reached only through the folder's own descriptor.

Everything the writer does on disk goes through here. Each path is walked a component at a
time from the folder's descriptor with ``O_NOFOLLOW``, so a symbolic link planted inside the
folder (``posts -> /etc``) cannot redirect a write or a read; only regular files are read or
replaced (a FIFO would hang a read, ``/dev/zero`` never end one). The folder itself may be a
link: it is resolved once, when opened. A lock held for the run keeps a second run out.

Every ``OSError`` becomes a :class:`wxrkit.errors.WxrkitError` naming the path: a
:class:`RefusedPathError` for one path wxrkit will not touch (the run skips it and goes on),
an :class:`OutputError` when nothing more can be written (full disk, no permission).
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from wxrkit.errors import WxrkitError

try:
    import fcntl
except ImportError:  # pragma: no cover (Windows: no flock, no lock)
    fcntl = None  # type: ignore[assignment]

__all__ = [
    "LOCK",
    "TEMPORARY_SUFFIX",
    "ConfinedFolder",
    "OutputError",
    "RefusedPathError",
    "output_error",
]

LOCK = ".wxrkit-lock"
"""Locked (``flock``) by the run converting into the folder; holds its process id."""
TEMPORARY_SUFFIX = ".wxrkit-tmp"
"""Files being written are ``.<name>.<pid>.wxrkit-tmp`` until renamed into place."""
_TEMPORARY = re.compile(r"\..+\.([0-9]{1,10})" + re.escape(TEMPORARY_SUFFIX))

_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # a FIFO swapped in after the check cannot hang open
_OPEN_FOLDER = os.O_RDONLY | _DIRECTORY | _NOFOLLOW | _CLOEXEC
_OPEN_NEW = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC
_OPEN_READ = os.O_RDONLY | _NOFOLLOW | _NONBLOCK | _CLOEXEC
_OPEN_APPEND = os.O_WRONLY | os.O_APPEND | os.O_CREAT | _NOFOLLOW | _NONBLOCK | _CLOEXEC
_OPEN_LOCK = os.O_RDWR | os.O_CREAT | _NOFOLLOW | _NONBLOCK | _CLOEXEC
_FOLDERS_KEPT_OPEN = 64
"""Descriptors of subfolders kept open per process: the folders of the last few posts (a page
bundle layout makes one per post, so they cannot all stay open)."""
_CHUNK = 1 << 20


class RefusedPathError(WxrkitError):
    """A path in the output folder wxrkit will not write through or replace: a symbolic link,
    a special file (FIFO, device, socket), a file where a folder must go, or a file wxrkit did
    not write. That post is skipped; the run goes on and fails at its end."""


class OutputError(WxrkitError):
    """Nothing more can be written: the disk is full, a folder is not writable, standard output
    is closed. The run stops; the files written so far are complete and recorded."""


_ADVICE = {
    errno.ENOSPC: ("the disk is full", "free some space and run again"),
    errno.EDQUOT: ("the disk quota is used up", "free some space and run again"),
    errno.EACCES: (
        "permission denied",
        "make the folder writable for this user, or convert into another folder",
    ),
    errno.EPERM: (
        "operation not permitted",
        "make the folder writable for this user, or convert into another folder",
    ),
    errno.EROFS: ("the file system is read-only", "convert into a writable folder"),
    errno.EMFILE: ("too many open files", "raise the limit (ulimit -n) or use fewer --jobs"),
    errno.ENAMETOOLONG: ("the name is too long for this file system", "use a shorter -o path"),
    errno.EPIPE: ("the reader of standard output has gone", "write to a folder with -o"),
}


def output_error(error: OSError, where: str, doing: str) -> OutputError:
    """``error`` met while ``doing`` something to ``where``, as a message saying what to do."""
    reason, advice = _ADVICE.get(
        error.errno or 0, (error.strerror or str(error), "check the folder and run again")
    )
    return OutputError(
        f"{where}: cannot {doing}: {reason}; {advice} "
        "(the files written so far are complete and recorded)"
    )


def _kind(mode: int) -> str:
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a file"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True  # another user's process; or not a pid at all: leave the file alone
    return True


class ConfinedFolder:
    """File operations on paths relative to one folder (``a/b.md``, components already made
    safe), none of which can leave it.

    Picklable: a worker process started by ``spawn`` opens the folder again by its path;
    one started by ``fork`` uses the descriptors it inherited.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self._root_fd: int | None = None
        self._pid = os.getpid()
        self._folders: OrderedDict[tuple[str, ...], int] = OrderedDict()
        self._appending: dict[str, int] = {}
        self._lock_fd: int | None = None

    @classmethod
    def create(cls, root: Path) -> ConfinedFolder:
        """The folder ``root``, made if missing (with its parents), and opened."""
        try:
            root.mkdir(parents=True, exist_ok=True)
        except FileExistsError as error:
            raise OutputError(
                f"{root}: is a file, not a folder; give -o a folder (or - for standard output)"
            ) from error
        except NotADirectoryError as error:
            raise OutputError(f"{root}: a part of this path is a file, not a folder") from error
        except OSError as error:
            raise output_error(error, str(root), "make the output folder") from error
        folder = cls(root)
        folder._own()
        return folder

    # -- descriptors -------------------------------------------------------------------

    def _own(self) -> int:
        """The root's descriptor in this process."""
        if self._pid != os.getpid():
            # a forked worker: the inherited descriptors are its own copies; the subfolders'
            # are left to the parent's bookkeeping and opened afresh here
            self._pid = os.getpid()
            self._folders = OrderedDict()
            self._appending = {}
            self._lock_fd = None
        if self._root_fd is None:
            try:
                self._root_fd = os.open(self.root, os.O_RDONLY | _DIRECTORY | _CLOEXEC)
            except NotADirectoryError as error:
                raise OutputError(f"{self.root}: is not a folder") from error
            except OSError as error:
                raise output_error(error, str(self.root), "open the output folder") from error
        return self._root_fd

    def _path(self, parts: Iterable[str]) -> str:
        return str(self.root.joinpath(*parts))

    def refusal(self, parts: tuple[str, ...], mode: int, wanted: str) -> RefusedPathError:
        """Why wxrkit will not use what is at ``parts`` (of ``mode``) as ``wanted``."""
        where, kind = self._path(parts), _kind(mode)
        if stat.S_ISLNK(mode):
            return RefusedPathError(
                f"{where}: is a symbolic link; wxrkit writes and reads nothing through links "
                "inside the output folder (they can point anywhere): remove it, or convert "
                "into another folder"
            )
        return RefusedPathError(
            f"{where}: is {kind} where wxrkit needs {wanted}; move it away, or convert into "
            "another folder"
        )

    def _lstat_in(self, folder_fd: int, parts: tuple[str, ...]) -> os.stat_result | None:
        try:
            return os.stat(parts[-1], dir_fd=folder_fd, follow_symlinks=False)
        except FileNotFoundError:
            return None
        except OSError as error:
            raise output_error(error, self._path(parts), "look at") from error

    def _folder(self, parts: tuple[str, ...], create: bool) -> int | None:
        """The descriptor of the subfolder ``parts``; None when it is missing and not made."""
        root = self._own()
        if not parts:
            return root
        cached = self._folders.get(parts)
        if cached is not None:
            self._folders.move_to_end(parts)
            return cached
        parent = self._folder(parts[:-1], create)
        if parent is None:
            return None
        name = parts[-1]
        for _ in range(2):
            try:
                fd = os.open(name, _OPEN_FOLDER, dir_fd=parent)
                break
            except FileNotFoundError:
                if not create:
                    return None
                try:
                    os.mkdir(name, 0o777, dir_fd=parent)
                except FileExistsError:
                    pass  # made meanwhile (by a worker), or a dangling link: opened next
                except OSError as error:
                    raise output_error(error, self._path(parts), "make the folder") from error
            except OSError as error:
                found = self._lstat_in(parent, parts)
                if found is not None and not stat.S_ISDIR(found.st_mode):
                    raise self.refusal(parts, found.st_mode, "a folder") from error
                raise output_error(error, self._path(parts), "open the folder") from error
        else:
            found = self._lstat_in(parent, parts)
            raise self.refusal(parts, found.st_mode if found else 0, "a folder")
        self._folders[parts] = fd
        if len(self._folders) > _FOLDERS_KEPT_OPEN:
            _, oldest = self._folders.popitem(last=False)
            os.close(oldest)
        return fd

    def _split(self, relative: str, create: bool) -> tuple[int | None, tuple[str, ...]]:
        parts = tuple(relative.split("/"))
        return self._folder(parts[:-1], create), parts

    # -- files -------------------------------------------------------------------------

    def lstat(self, relative: str) -> os.stat_result | None:
        """What is at ``relative`` (a link is not followed); None when nothing is."""
        folder, parts = self._split(relative, create=False)
        return None if folder is None else self._lstat_in(folder, parts)

    def _open_regular(self, relative: str, flags: int, mode: int = 0o666) -> int:
        """A descriptor of the regular file ``relative``; a link, a FIFO or a device refused."""
        folder, parts = self._split(relative, create=bool(flags & os.O_CREAT))
        if folder is None:
            raise FileNotFoundError(errno.ENOENT, "no such file", self._path(parts))
        try:
            fd = os.open(parts[-1], flags, mode, dir_fd=folder)
        except FileNotFoundError:
            raise
        except OSError as error:
            found = self._lstat_in(folder, parts)
            if found is not None and not stat.S_ISREG(found.st_mode):
                raise self.refusal(parts, found.st_mode, "a regular file") from error
            raise output_error(error, self._path(parts), "open") from error
        mode_found = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode_found):
            os.close(fd)
            raise self.refusal(parts, mode_found, "a regular file")
        return fd

    def chunks(self, relative: str) -> Iterator[bytes]:
        """The bytes of the regular file ``relative``, a megabyte at a time (FileNotFoundError
        when there is none)."""
        fd = self._open_regular(relative, _OPEN_READ)
        try:
            while chunk := os.read(fd, _CHUNK):
                yield chunk
        except OSError as error:
            raise output_error(error, self._path([relative]), "read") from error
        finally:
            os.close(fd)

    def reader(self, relative: str, limit: int) -> BinaryIO:
        """The regular file ``relative`` to read (FileNotFoundError when there is none);
        a file larger than ``limit`` bytes is refused."""
        fd = self._open_regular(relative, _OPEN_READ)
        size = os.fstat(fd).st_size
        if size > limit:
            os.close(fd)
            raise RefusedPathError(
                f"{self._path([relative])}: {size:,} bytes, more than the {limit:,} wxrkit "
                "reads of it; remove it, or convert into another folder"
            )
        return os.fdopen(fd, "rb")

    def write(self, relative: str, data: bytes | Iterable[bytes]) -> None:
        """Write ``data`` (bytes, or chunks produced as it goes) to a temporary name beside
        ``relative``, then rename it into place: a killed run leaves only whole files, and a
        rename replaces whatever is at the name itself (a link planted meanwhile included),
        never what it points to."""
        folder, parts = self._split(relative, create=True)
        assert folder is not None  # made when missing
        name = parts[-1]
        temporary = f".{name}.{os.getpid()}{TEMPORARY_SUFFIX}"
        # Everything from the creation of the temporary file on is inside the try, so an
        # error or an interrupt at any point (even right after the open) removes it.
        try:
            try:
                fd = os.open(temporary, _OPEN_NEW, 0o666, dir_fd=folder)
            except FileExistsError:  # left by a killed process with the same pid
                self._unlink(folder, temporary)
                fd = os.open(temporary, _OPEN_NEW, 0o666, dir_fd=folder)
            with os.fdopen(fd, "wb") as out:
                # No fsync: the rename is what makes a killed run leave whole files; syncing
                # every file would only guard against power loss.
                if isinstance(data, bytes):
                    out.write(data)
                else:
                    out.writelines(data)
            os.replace(temporary, name, src_dir_fd=folder, dst_dir_fd=folder)
        except BaseException as error:
            self._unlink(folder, temporary)
            if isinstance(error, IsADirectoryError):
                raise self.refusal(parts, stat.S_IFDIR, "a file") from error
            if isinstance(error, OSError):
                raise output_error(error, self._path(parts), "write") from error
            raise

    def append(self, relative: str, line: bytes) -> None:
        """Append ``line`` to the regular file ``relative`` with one ``write``: ``O_APPEND``
        keeps the lines of several processes whole."""
        fd = self._appending.get(relative)
        if fd is None:
            fd = self._appending[relative] = self._open_regular(relative, _OPEN_APPEND, 0o644)
        try:
            os.write(fd, line)
        except OSError as error:
            raise output_error(error, self._path([relative]), "write") from error

    def remove(self, relative: str) -> None:
        """Remove the file ``relative`` (a link itself, never what it points to)."""
        folder, parts = self._split(relative, create=False)
        if folder is not None:
            self._unlink(folder, parts[-1])

    def _unlink(self, folder: int, name: str) -> None:
        try:
            os.unlink(name, dir_fd=folder)
        except FileNotFoundError:
            pass
        except OSError as error:
            raise output_error(error, self._path([name]), "remove") from error

    # -- the run -----------------------------------------------------------------------

    def lock(self) -> None:
        """Hold the folder's lock until :meth:`close` (or the process's end): a second run
        into the same folder stops at once instead of deleting this one's files.

        The lock file is removed when the run ends, so a run that opened it just before may
        lock a file no longer in the folder: it checks that the file it locked is still the
        one at the name, else tries again.
        """
        if fcntl is None:  # pragma: no cover
            return
        for _ in range(100):
            fd = self._open_regular(LOCK, _OPEN_LOCK)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = os.read(fd, 32).decode("ascii", "replace").strip() or "?"
                os.close(fd)
                raise OutputError(
                    f"{self.root}: another wxrkit run (process {holder}) is converting into "
                    "this folder; wait for it to end, or convert into another folder"
                ) from None
            named = self.lstat(LOCK)
            if named is not None and named.st_ino == os.fstat(fd).st_ino:
                os.ftruncate(fd, 0)
                os.write(fd, f"{os.getpid()}\n".encode())
                self._lock_fd = fd
                return
            os.close(fd)  # removed by the run that just ended: lock the new one
        raise OutputError(f"{self.root}: could not lock the folder; try again")

    def remove_dead_temporaries(self) -> int:
        """Remove the temporary files of runs that were killed (their process is gone);
        returns how many. Walks the folder without following links."""
        removed = 0
        for _, _, files, folder in os.fwalk(".", dir_fd=self._own(), follow_symlinks=False):
            for name in files:
                match = _TEMPORARY.fullmatch(name)
                if match and not _alive(int(match.group(1))):
                    self._unlink(folder, name)
                    removed += 1
        return removed

    def close(self) -> None:
        """Close every descriptor of this process; the lock file goes first, while still
        locked (a run waiting on it finds it gone, and locks a new one)."""
        if self._pid != os.getpid():
            return
        if self._lock_fd is not None and self._root_fd is not None:
            with contextlib.suppress(OSError):
                os.unlink(LOCK, dir_fd=self._root_fd)
        descriptors = [*self._folders.values(), *self._appending.values()]
        descriptors += [fd for fd in (self._root_fd, self._lock_fd) if fd is not None]
        for fd in descriptors:
            os.close(fd)
        self._folders.clear()
        self._appending.clear()
        self._root_fd = None
        self._lock_fd = None

    def __getstate__(self) -> dict[str, object]:
        return {"root": self.root}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__init__(Path(str(state["root"])))  # type: ignore[misc]
