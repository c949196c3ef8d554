"""Real static site builds of what ``wxrkit convert --site`` writes: Hugo and Jekyll from the
system's packages, Eleventy and Astro from npm (``.ci/run`` installs them and sets
``WXRKIT_SITE_BUILDS=1``, under which a missing generator fails instead of skipping).

Each generator gets a bare site (a page template printing the title and the content, nothing
else configured)
and builds it with its defaults. What must hold: the build succeeds; everything the blog
published is in the built site and nothing else is (drafts, pending, private, future, a
plugin's internal items); no shortcode or block comment is left as text; template syntax in a
post is printed, not run.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, corpus_root
from wxrkit import read_wxr
from wxrkit.cli import main

ROOT = Path(__file__).resolve().parents[2]
REQUIRED = os.environ.get("WXRKIT_SITE_BUILDS") == "1"
TRIGGERS = FIXTURES / "wxr" / "site-triggers.xml"
PUBLISHED = ["PUBLISHEDTEMPLATES", "PUBLISHEDHOME", "PUBLISHEDSHORTLINK", "PUBLISHEDGALLERY"]
NEVER = [
    "UNPUBLISHEDDRAFT",
    "UNPUBLISHEDPENDING",
    "UNPUBLISHEDFUTURE",
    "UNPUBLISHEDPRIVATE",
    "UNPUBLISHEDDRAFTPAGE",
    "PLUGININTERNAL",
]
LITERALS = ["[gallery", "[caption", "[code", "[php", "<!-- wp:"]


NODE_MODULES = ROOT / ".ci" / "node" / "node_modules"


def _command(name: str) -> list[str]:
    if name in ("eleventy", "astro"):
        local = NODE_MODULES / ".bin" / name
        found = str(local) if local.exists() else None
    else:
        found = shutil.which(name)
    if found is None:
        message = f"{name} is not installed (.ci/run installs it)"
        if REQUIRED:
            pytest.fail(message)
        pytest.skip(message)
    return [found]


def _hugo(site: Path, source: Path, tmp: Path) -> Path:
    (site / "layouts" / "_default").mkdir(parents=True)
    (site / "hugo.toml").write_text('baseURL = "https://harbour.example/"\ntitle = "Harbour"\n')
    page = (
        "<html><body><h1>{{ .Title }}</h1>{{ .Content }}"
        "{{ range .Params.comments }}<p>{{ .author }}: {{ .text }}</p>{{ end }}</body></html>\n"
    )
    listing = (
        "<html><body>{{ range .Pages }}<a href='{{ .RelPermalink }}'>{{ .Title }}</a>"
        "{{ end }}</body></html>\n"
    )
    (site / "layouts" / "_default" / "single.html").write_text(page)
    (site / "layouts" / "_default" / "list.html").write_text(listing)
    _convert(source, site / "content", "hugo")
    _build([*_command("hugo"), "--source", str(site), "--destination", str(tmp / "public")], site)
    return tmp / "public"


def _jekyll(site: Path, source: Path, tmp: Path) -> Path:
    (site / "_layouts").mkdir(parents=True)
    (site / "_config.yml").write_text(
        "title: Harbour\ndefaults:\n  - scope: {path: ''}\n    values: {layout: default}\n"
    )
    (site / "_layouts" / "default.html").write_text(
        "<html><body><h1>{{ page.title }}</h1>{{ content }}"
        "{% for c in page.comments %}<p>{{ c.author }}: {{ c.text }}</p>{% endfor %}"
        "</body></html>\n"
    )
    _convert(source, site, "jekyll")
    out = tmp / "_site"
    _build([*_command("jekyll"), "build", "--source", str(site), "--destination", str(out)], site)
    return out


def _eleventy(site: Path, source: Path, tmp: Path) -> Path:
    (site / "_includes").mkdir(parents=True)
    (site / "_data").mkdir()
    (site / "_includes" / "base.liquid").write_text(
        "<html><body><h1>{{ title }}</h1>{{ content }}"
        "{% for c in comments %}<p>{{ c.author }}: {{ c.text }}</p>{% endfor %}"
        "</body></html>\n"
    )
    (site / "_data" / "layout.json").write_text('"base.liquid"\n')
    _convert(source, site, "eleventy")
    out = tmp / "_site"
    _build([*_command("eleventy"), f"--input={site}", f"--output={out}"], site)
    return out


ASTRO_PAGE = """---
import { getCollection, render } from 'astro:content';
export async function getStaticPaths() {
  const posts = await getCollection('blog', ({ data }) => !data.draft);
  return posts.map((post) => ({ params: { slug: post.id }, props: { post } }));
}
const { post } = Astro.props;
const { Content } = await render(post);
---
<html><body><h1>{post.data.title}</h1><Content />
{(post.data.comments ?? []).map((c) => <p>{c.author}: {c.text}</p>)}</body></html>
"""
ASTRO_COLLECTION = """import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
const blog = defineCollection({ loader: glob({ pattern: '**/*.md', base: './src/content/blog' }) });
export const collections = { blog };
"""


def _astro(site: Path, source: Path, tmp: Path) -> Path:
    """The cookbook's collection: every file under src/content/blog, drafts filtered out by
    the page (Astro has no draft convention of its own)."""
    command = _command("astro")
    (site / "src" / "pages").mkdir(parents=True)
    (site / "package.json").write_text('{"name": "harbour", "type": "module", "private": true}')
    (site / "astro.config.mjs").write_text(
        "import { defineConfig } from 'astro/config';\nexport default defineConfig({});\n"
    )
    (site / "src" / "content.config.mjs").write_text(ASTRO_COLLECTION)
    (site / "src" / "pages" / "[...slug].astro").write_text(ASTRO_PAGE)
    (site / "node_modules").symlink_to(NODE_MODULES)
    _convert(source, site / "src" / "content" / "blog", "astro")
    _build([*command, "build", "--silent"], site)
    return site / "dist"


GENERATORS: dict[str, Callable[[Path, Path, Path], Path]] = {
    "hugo": _hugo,
    "jekyll": _jekyll,
    "eleventy": _eleventy,
    "astro": _astro,
}


def _convert(source: Path, out: Path, site: str) -> None:
    code = main(
        ["convert", str(source), "-o", str(out), "--site", site, "--comments", "-q", "--jobs", "1"]
    )
    assert code == 0


def _build(command: list[str], cwd: Path) -> None:
    done = subprocess.run(
        command, cwd=cwd, capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, (
        f"{command[0]} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    )
    assert "ERROR" not in done.stderr, done.stderr[-3000:]


def _built_text(folder: Path) -> str:
    return "\n".join(
        page.read_text(encoding="utf-8", errors="replace")
        for page in sorted(folder.rglob("*.html"))
    )


@pytest.mark.parametrize("generator", list(GENERATORS))
def test_the_trigger_export_builds_as_the_blog_published_it(tmp_path: Path, generator: str) -> None:
    built = _built_text(GENERATORS[generator](tmp_path / "site", TRIGGERS, tmp_path))
    for marker in PUBLISHED:
        assert marker in built, f"{marker} is missing from the {generator} site"
    for marker in NEVER:
        assert marker not in built, f"{marker} was published by {generator}"
    for literal in LITERALS:
        assert literal not in built, f"{literal} left as text in the {generator} site"
    # template syntax in a post is the post's text, printed, not run by the generator
    assert "{{ site.title }}" in built and "{% for post in site.posts %}" in built
    assert "youtube abc" in built
    # approved comments, from the front matter, through the site's own template
    assert "Ada: APPROVEDCOMMENT: lovely boats." in built
    assert "PENDINGCOMMENT" not in built and "ada@mail.example" not in built
    # the gallery keeps the image the export has and says which one it lacks
    assert "blue-boat.jpg" in built and "attachments 99 are not in the export" in built


CORPUS_EXPORTS = ["wptt-themeunittestdata.xml", "wpcom-chrisjrob-2015.xml"]


@pytest.mark.parametrize("export_name", CORPUS_EXPORTS)
@pytest.mark.parametrize("generator", list(GENERATORS))
def test_corpus_exports_build(tmp_path: Path, generator: str, export_name: str) -> None:
    root = corpus_root()
    if root is None:
        pytest.skip("WXRKIT_CORPUS is not set (CI sets it; see README)")
    source = root / "wxr" / export_name
    built_folder = GENERATORS[generator](tmp_path / "site", source, tmp_path)
    built = _built_text(built_folder)
    plain = html.unescape(built)  # Hugo writes "+" in a title as &#43;
    posts = read_wxr(source).posts
    published = [p for p in posts if p.type in ("post", "page") and p.status == "publish"]
    unpublished = [
        p
        for p in posts
        if p.type in ("post", "page") and p.status in ("draft", "pending", "private", "future")
    ]
    missing = [p.title for p in published if p.title and _html_title(p.title) not in plain]
    assert missing == [], f"published but not built: {missing[:10]}"
    leaked = [p.title for p in unpublished if len(p.title) > 12 and _html_title(p.title) in plain]
    assert leaked == [], f"unpublished but built by {generator}: {leaked}"
    for literal in LITERALS:
        assert literal not in built, f"{literal} left as text in the {generator} site"


def _html_title(title: str) -> str:
    """The title as the built HTML spells it (entities for &, <, > and quotes vary by
    generator: compare the words of the title only)."""
    return re.sub(r"[&<>\"'].*", "", title).strip()[:40]
