"""Hostile pages: the reader ends within seconds and bounded memory, with the text kept.

Each case runs in a child process under an address-space limit, so a native crash or a
runaway allocation fails the test instead of the run; the timeout catches hangs and is not
a speed measurement. The wrapper marks where the article's text must survive.
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
    import json, resource, sys, time
    resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))
    from wxrkit import WxrkitError, parse_html
    page = {page}
    started = time.perf_counter()
    try:
        result = parse_html(page, source="hostile.html")
    except WxrkitError as error:
        print(json.dumps({{"error": type(error).__name__, "message": str(error)}}))
        sys.exit(0)
    print(json.dumps({{
        "kept": "KEPTTEXT" in result.text,
        "tail": "TAILTEXT" in result.text,
        "codes": sorted({{d.code for d in result.diagnostics}}),
        "seconds": time.perf_counter() - started,
        "peak_kb": resident_peak_kb(),
    }}))
    """
)

_ARTICLE = '\'<html><body><article class="post-1 hentry"><div class="entry-content">\''
_END = "'<p>TAILTEXT is the last paragraph of a real enough article.</p></div></article></body></html>'"

CASES: dict[str, tuple[str, str | tuple[str, ...] | None]] = {
    "100k nested elements": (
        f"{_ARTICLE} + '<div>' * 100_000 + 'KEPTTEXT' + '</div>' * 100_000 + {_END}",
        "too-deep",
    ),
    "20 MB attribute": (
        f"{_ARTICLE} + '<p title=\"' + 'x' * (20 << 20) + '\">KEPTTEXT</p>' + {_END}",
        None,
    ),
    "100k attributes on one element": (
        f"{_ARTICLE} + '<p ' + ' '.join(f'a{{i}}=\"1\"' for i in range(100_000)) + '>KEPTTEXT</p>' + {_END}",
        "too-many-attributes",
    ),
    "50 MB page of 800,000 paragraphs": (
        f"{_ARTICLE} + '<p>KEPTTEXT and words, words, words of a long post.</p>' * 800_000 + {_END}",
        "LimitExceededError",
    ),
    "50 MB page saved whole (an inlined image)": (
        f"{_ARTICLE} + '<p>KEPTTEXT</p><img src=\"data:image/png;base64,' + 'iVBORw0K' * (50 << 17) + '\">' + {_END}",
        None,
    ),
    "invalid bytes": (
        "("
        + _ARTICLE
        + " + '<p>KEPTTEXT caf\\xe9 \\x81\\x8d</p>' + "
        + _END
        + ").encode('latin-1')",
        ("invalid-bytes", "charset-detected"),
    ),
    "unclosed everything": (
        f"{_ARTICLE} + '<p><b><i><table><tr><td>KEPTTEXT' * 5000 + {_END}",
        None,
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_page(name: str) -> None:
    page, expected_code = CASES[name]
    done = subprocess.run(
        [sys.executable, "-c", CHILD.format(page=page)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout)
    if expected_code == "LimitExceededError":  # a clear error instead of a huge tree
        assert result["error"] == expected_code, result
        assert "hostile.html: the page has" in result["message"]
        return
    assert result["kept"], result
    assert result["tail"], result
    if expected_code:
        expected = {expected_code} if isinstance(expected_code, str) else set(expected_code)
        assert expected & set(result["codes"]), result["codes"]
    assert result["peak_kb"] < 2_500_000
