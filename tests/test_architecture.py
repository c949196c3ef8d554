"""The direction of imports (see docs/architecture.md), checked on every module's source."""

from __future__ import annotations

import ast
from pathlib import Path

import wxrkit

PACKAGE = Path(wxrkit.__file__).parent

# What each layer may import from wxrkit; a module's layer is its first matching prefix.
ALLOWED: dict[str, set[str]] = {
    "wxrkit.errors": set(),
    "wxrkit.php": {"wxrkit.errors"},
    "wxrkit.urls": set(),
    "wxrkit.ids": set(),
    "wxrkit.models": {"wxrkit.errors", "wxrkit.php"},
    "wxrkit.attachments": {"wxrkit.models"},
    "wxrkit.clean": {
        "wxrkit.urls",
        "wxrkit.ids",
        "wxrkit.errors",
        "wxrkit.php",
        "wxrkit.models",
        "wxrkit.attachments",
        "wxrkit.clean",
    },
    # readers and serializers sit side by side and never import each other
    "wxrkit.wxr": {
        "wxrkit.ids",
        "wxrkit.errors",
        "wxrkit.php",
        "wxrkit.models",
        "wxrkit.attachments",
        "wxrkit.clean",
        "wxrkit.wxr",
    },
    # the page readers: a text scrape is a page's text, so it shares the page vocabulary
    "wxrkit.html": {
        "wxrkit.urls",
        "wxrkit.ids",
        "wxrkit.errors",
        "wxrkit.models",
        "wxrkit.clean",
        "wxrkit.html",
    },
    "wxrkit.text": {
        "wxrkit.errors",
        "wxrkit.models",
        "wxrkit.clean",
        "wxrkit.html",
        "wxrkit.text",
    },
    "wxrkit.serializers": {
        "wxrkit.urls",
        "wxrkit.errors",
        "wxrkit.php",
        "wxrkit.models",
        "wxrkit.clean",
        "wxrkit.serializers",
    },
    # writing converted files composes readers and serializers
    "wxrkit.output": {
        "wxrkit.urls",
        "wxrkit.attachments",
        "wxrkit.errors",
        "wxrkit.models",
        "wxrkit.clean",
        "wxrkit.wxr",
        "wxrkit.html",
        "wxrkit.text",
        "wxrkit.serializers",
        "wxrkit.output",
    },
    "wxrkit.cli": {
        "wxrkit",
        "wxrkit.cli",
        "wxrkit.output",
        "wxrkit.errors",
        "wxrkit.models",
        "wxrkit.clean",
        "wxrkit.wxr",
        "wxrkit.html",
        "wxrkit.text",
        "wxrkit.serializers",
    },
    "wxrkit.__main__": {"wxrkit.cli"},
    # the curated surface re-exports the readers, models, cleaner and serializers
    "wxrkit": {
        "wxrkit.errors",
        "wxrkit.models",
        "wxrkit.php",
        "wxrkit.wxr",
        "wxrkit.html",
        "wxrkit.text",
        "wxrkit.clean",
        "wxrkit.serializers",
    },
}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def wxrkit_imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("wxrkit"):
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("wxrkit"))
    return found


def layer_of(name: str) -> str:
    return max(
        (layer for layer in ALLOWED if name == layer or name.startswith(layer + ".")), key=len
    )


def allowed(imported: str, layer: str) -> bool:
    return any(imported == ok or imported.startswith(ok + ".") for ok in ALLOWED[layer])


def test_imports_go_downward_only() -> None:
    violations = []
    modules = sorted(PACKAGE.rglob("*.py"))
    assert len(modules) > 10
    for path in modules:
        name = module_name(path)
        layer = layer_of(name)
        for imported in wxrkit_imports(path):
            if not allowed(imported, layer):
                violations.append(f"{name} imports {imported}")
    assert violations == []


def test_the_check_can_fail() -> None:
    assert not allowed("wxrkit.cli", "wxrkit.wxr")
    assert not allowed("wxrkit.serializers.to_json", "wxrkit.wxr")
    assert not allowed("wxrkit.wxr.reader", "wxrkit.serializers")
    assert not allowed("wxrkit.wxr.reader", "wxrkit.models")
    assert layer_of("wxrkit.wxr.reader") == "wxrkit.wxr"
    assert not allowed("wxrkit.html.reader", "wxrkit.wxr")
    assert not allowed("wxrkit.text.reader", "wxrkit.html")
    assert not allowed("wxrkit.html.reader", "wxrkit.serializers")
    assert allowed("wxrkit.html.text", "wxrkit.text")
