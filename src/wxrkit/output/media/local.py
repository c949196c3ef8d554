"""``--media-from``: a local copy of the uploads folder (the folder that holds ``2023/04/…``),
or a ``.zip`` of it, in place of the site.

Keys come from the export, so they are looked up without following links (a link in the
copy could point anywhere) and never leave the copy. A zip whose files all sit under one
top folder (``uploads/2023/…``, as zipping the folder makes it) is read from that folder.
"""

from __future__ import annotations

import errno
import os
import stat
import zipfile
from pathlib import Path
from typing import BinaryIO

from wxrkit.errors import WxrkitError
from wxrkit.output.media.fetch import MediumError, too_large

__all__ = ["LocalUploads", "MissingMediumError"]

_CHUNK = 1 << 20
_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)


class MissingMediumError(Exception):
    """No file for this medium in the copy of the uploads."""


class LocalUploads:
    """Files of the uploads folder, or of a zip of it, by key (``2023/04/x.jpg``)."""

    def __init__(self, path: Path, max_size: int) -> None:
        self.path = path
        self.max_size = max_size
        self._zip: zipfile.ZipFile | None = None
        self._names: dict[str, zipfile.ZipInfo] = {}
        if path.is_dir():
            return
        try:
            self._zip = zipfile.ZipFile(path)
        except (OSError, zipfile.BadZipFile) as error:
            raise WxrkitError(
                f"{path}: --media-from takes the uploads folder, or a .zip of it ({error})"
            ) from error
        files = [info for info in self._zip.infolist() if not info.is_dir()]
        names = {info.filename.replace("\\", "/").lstrip("/"): info for info in files}
        tops = {name.split("/", 1)[0] for name in names}
        top = next(iter(tops)) if len(tops) == 1 else ""
        if top and all("/" in name for name in names) and not _uploads_folder_name(top):
            # uploads/2023/04/x.jpg: the folder was zipped with its own name
            names = {name[len(top) + 1 :]: info for name, info in names.items()}
        self._names = names

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()

    def copy(self, key: str, into: BinaryIO) -> None:
        """Copy the file for ``key`` into ``into``; :class:`MissingMediumError` when the copy has
        none, :class:`MediumError` when it cannot be used."""
        if self._zip is not None:
            self._copy_member(key, into)
        else:
            self._copy_file(key, into)

    def _copy_member(self, key: str, into: BinaryIO) -> None:
        assert self._zip is not None
        info = self._names.get(key)
        if info is None:
            raise MissingMediumError(key)
        if info.file_size > self.max_size:
            raise MediumError(too_large(info.file_size, self.max_size))
        size = 0
        try:
            with self._zip.open(info) as member:
                while chunk := member.read(_CHUNK):
                    size += len(chunk)
                    if size > self.max_size:  # the declared size can lie
                        raise MediumError(too_large(size, self.max_size))
                    into.write(chunk)
        except (OSError, zipfile.BadZipFile, EOFError) as error:
            raise MediumError(f"{self.path}: cannot read {info.filename} ({error})") from None

    def _copy_file(self, key: str, into: BinaryIO) -> None:
        fd = self._open(key)
        try:
            found = os.fstat(fd)
            if not stat.S_ISREG(found.st_mode):
                raise MediumError(f"{self.path}/{key}: not a regular file")
            if found.st_size > self.max_size:
                raise MediumError(too_large(found.st_size, self.max_size))
            size = 0
            while chunk := os.read(fd, _CHUNK):
                size += len(chunk)
                if size > self.max_size:  # grown since
                    raise MediumError(too_large(size, self.max_size))
                into.write(chunk)
        finally:
            os.close(fd)

    def _open(self, key: str) -> int:
        """A descriptor of the file ``key`` in the folder, reached without following links."""
        parts = key.split("/")
        folder = os.open(self.path, os.O_RDONLY | _DIRECTORY)
        try:
            for number, part in enumerate(parts):
                last = number == len(parts) - 1
                flags = os.O_RDONLY | _NO_FOLLOW | (os.O_NONBLOCK if last else _DIRECTORY)
                try:
                    fd = os.open(part, flags, dir_fd=folder)
                except (FileNotFoundError, NotADirectoryError):
                    raise MissingMediumError(key) from None
                except OSError as error:
                    if error.errno == errno.ELOOP:
                        raise MediumError(
                            f"{self.path}/{key}: a symbolic link in the copy; not followed"
                        ) from None
                    raise MediumError(f"{self.path}/{key}: {error.strerror}") from None
                if last:
                    return fd
                os.close(folder)
                folder = fd
        finally:
            os.close(folder)
        raise MissingMediumError(key)  # pragma: no cover - a key has one part at least


def _uploads_folder_name(name: str) -> bool:
    """Whether ``name`` is a folder of the uploads themselves (a year; a multisite's sites)."""
    return (len(name) == 4 and name.isdigit()) or name == "sites"
