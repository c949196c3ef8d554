"""Hostile post bodies: every serializer finishes, bounded, with the text kept.

Run in a child process under a memory limit, so a crash in a native library or a runaway
recursion fails the test instead of the run. The timeout guards against hangs; it is not a
speed measurement.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from tests.peak import PEAK_SOURCE

CHILD = PEAK_SOURCE + textwrap.dedent(
    """
    import json, resource, sys
    resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))
    from wxrkit import Post
    from wxrkit.serializers import get_serializer
    body = {body}
    post = Post(id=1, title="Hostile", content_raw=body)
    out = {{name: get_serializer(name).post(post) for name in ("json", "markdown", "text")}}
    record = json.loads(out["json"])
    print(json.dumps({{
        "kept": {{
            "content_text": "DEEPTEXT" in record["content_text"],
            "markdown": "DEEPTEXT" in out["markdown"],
            "text": "DEEPTEXT" in out["text"],
        }},
        "peak_kb": resident_peak_kb(),
    }}))
    """
)

CASES = {
    "100k nested divs": "'<div>' * 100_000 + 'DEEPTEXT' + '</div>' * 100_000",
    "100k nested spans, unclosed": "'<span>' * 100_000 + 'DEEPTEXT'",
    "20 MB attribute": "'<p title=\"' + 'x' * (20 << 20) + '\">DEEPTEXT</p>'",
    "100k attributes": "'<p ' + ' '.join(f'a{i}=\"1\"' for i in range(100_000)) + '>DEEPTEXT</p>'",
    "broken markup": "'<p><b><i>unclosed <table><tr><td>cell<p>more ' * 2000 + 'DEEPTEXT'",
    "100k nested blocks": "'<!-- wp:group -->' * 100_000 + 'DEEPTEXT' + '<!-- /wp:group -->' * 100_000",
    "100k shortcodes": "'[caption]' * 100_000 + 'DEEPTEXT' + '[/caption]' * 100_000",
}


@pytest.mark.parametrize("name", list(CASES))
def test_serializers_survive(name: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", CHILD.format(body=CASES[name])],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout)
    assert result["kept"] == {"content_text": True, "markdown": True, "text": True}
    assert result["peak_kb"] < 1_000_000
