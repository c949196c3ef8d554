"""Writing files into the output folder: atomically, never outside it, never over a stranger's.

Each file is written to a temporary name beside it and renamed, so an interrupted run leaves
only complete files. wxrkit records what it wrote in ``.wxrkit-manifest.json``; a file that is
not in the manifest, or whose content changed since wxrkit wrote it, is someone else's and is
not overwritten unless ``force`` is set.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from wxrkit.errors import WxrkitError

__all__ = ["MANIFEST", "OutputFolder", "UnsafePathError", "WouldOverwriteError"]

MANIFEST = ".wxrkit-manifest.json"
_TEMPORARY = ".wxrkit-tmp"
"""The suffix of files being written; leftovers of a killed run are removed by the next."""


class UnsafePathError(WxrkitError):
    """A computed path would leave the output folder (a bug guard: names are made safe first)."""


class WouldOverwriteError(WxrkitError):
    """The target exists and wxrkit did not write it."""


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class OutputFolder:
    """The folder converted files go to."""

    def __init__(self, root: Path, *, force: bool = False) -> None:
        self.root = root.resolve()
        self.force = force
        self.root.mkdir(parents=True, exist_ok=True)
        self._manifest_path = self.root / MANIFEST
        self._known: dict[str, str] = {}
        if self._manifest_path.exists():
            try:
                loaded = json.loads(self._manifest_path.read_text(encoding="utf-8"))
                self._known = dict(loaded.get("files", {}))
            except (ValueError, AttributeError) as error:
                raise WxrkitError(
                    f"{self._manifest_path}: the manifest of an earlier run is damaged ({error}); "
                    "remove it, or convert into an empty folder"
                ) from error
        self.written: dict[str, str] = {}
        for stale in self.root.rglob(f".*{_TEMPORARY}"):
            stale.unlink(missing_ok=True)

    def _target(self, relative: str) -> Path:
        target = (self.root / relative).resolve()
        if self.root not in target.parents:
            raise UnsafePathError(f"refusing to write {relative!r} outside {self.root}")
        return target

    def write(self, relative: str, data: bytes) -> bool:
        """Write one file; returns False when it already held exactly this content."""
        target = self._target(relative)
        if target.exists():
            current = target.read_bytes()
            if not self.force and self._known.get(relative) != _digest(current):
                raise WouldOverwriteError(
                    f"{target}: exists and was not written by wxrkit (or was edited since); "
                    "use --force to overwrite it, or convert into another folder"
                )
            if current == data:
                self.written[relative] = _digest(data)
                return False
        target.parent.mkdir(parents=True, exist_ok=True)
        self._atomic(target, data)
        self.written[relative] = _digest(data)
        return True

    @staticmethod
    def _atomic(target: Path, data: bytes) -> None:
        handle, temporary = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
        )
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def close(self) -> None:
        """Record what this run wrote (and keep what earlier runs wrote)."""
        files = {**self._known, **self.written}
        payload = json.dumps(
            {"generator": "wxrkit", "files": dict(sorted(files.items()))}, indent=1
        )
        self._atomic(self._manifest_path, (payload + "\n").encode("utf-8"))
