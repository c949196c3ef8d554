"""The Python examples of the README and docs/ run, on files of the test fixtures named as the
examples name them, and use only the public API (tests/test_api.py pins it)."""

from __future__ import annotations

import ast
import gzip
import importlib
import re
import shutil
from pathlib import Path

import pytest

import wxrkit
from tests.conftest import FIXTURES
from tests.test_api import PUBLIC_MODULES

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
_EXAMPLE = re.compile(r"```python\n(.*?)```", re.DOTALL)


def _examples(document: Path) -> list[str]:
    return _EXAMPLE.findall(document.read_text(encoding="utf-8"))


def _imports(code: str) -> list[tuple[str, str | None]]:
    """``(module, name)`` for each ``from module import name`` and ``(module, None)`` for each
    ``import module``; ``wxrkit.X`` attribute uses count as ``from wxrkit import X``."""
    found: list[tuple[str, str | None]] = []
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.ImportFrom) and node.module:
            found += [(node.module, alias.name) for alias in node.names]
        elif isinstance(node, ast.Import):
            found += [(alias.name, None) for alias in node.names]
        elif (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id == "wxrkit"
        ):
            found.append(("wxrkit", node.attr))
    return found


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda path: path.name)
def test_examples_use_only_the_public_api(document: Path) -> None:
    for code in _examples(document):
        for module, name in _imports(code):
            if not module.startswith("wxrkit"):
                continue
            assert module in PUBLIC_MODULES, f"{document.name}: imports {module}"
            if name is not None:
                assert name in importlib.import_module(module).__all__, (
                    f"{document.name}: {module}.{name} is not public"
                )


def _working_folder(folder: Path) -> None:
    """The files the examples open, by the names they give them."""
    export = FIXTURES / "wxr" / "kitchen-sink.xml"
    shutil.copy(export, folder / "export.xml")
    for name in ("export.xml.gz", "huge-export.xml.gz"):
        (folder / name).write_bytes(gzip.compress(export.read_bytes()))
    shutil.copy(FIXTURES / "html" / "twentyfifteen-jetpack.html", folder / "saved-post.html")
    for name in ("crawl.txt", "crawl-dump.txt"):
        shutil.copy(FIXTURES / "text" / "selfhosted-twentyseventeen.txt", folder / name)


@pytest.mark.parametrize(
    "document", [d for d in DOCUMENTS if _examples(d)], ids=lambda path: path.name
)
def test_examples_run(document: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _working_folder(tmp_path)
    monkeypatch.chdir(tmp_path)
    # Some examples go on from a post or an export the page introduced in prose.
    export = wxrkit.read_wxr("export.xml")
    namespace: dict[str, object] = {"export": export, "post": export.posts[0]}
    for number, code in enumerate(_examples(document), start=1):
        try:
            exec(compile(code, f"{document.name} example {number}", "exec"), namespace)
        except Exception as error:
            pytest.fail(f"{document.name}, example {number}: {type(error).__name__}: {error}")
