"""What ``wxrkit inspect`` says of an input: an export's counts, or a page's facts.

An export is tallied a post at a time as it streams, never held whole: inspecting a 1 GB
export takes the memory of reading one post.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from typing import Any

from wxrkit.models import ScrapedPage
from wxrkit.wxr import WxrReader

__all__ = ["export_inspection", "page_inspection"]


def export_inspection(reader: WxrReader) -> dict[str, Any]:
    """What ``wxrkit inspect --json`` prints for an export, read to its end from ``reader``."""
    items = 0
    by_type: Counter[str] = Counter()
    by_status: Counter[str] = Counter()
    by_type_and_status: Counter[str] = Counter()
    comments_by_type: Counter[str] = Counter()
    approved = not_approved = 0
    first: datetime | None = None
    last: datetime | None = None
    for post in reader:
        items += 1
        by_type[post.type] += 1
        by_status[post.status] += 1
        by_type_and_status[f"{post.type}/{post.status}"] += 1
        for comment in post.comments:
            comments_by_type[comment.type] += 1
            if comment.approved:
                approved += 1
            else:
                not_approved += 1
        when = post.published_gmt
        if when is not None:
            first = when if first is None or when < first else first
            last = when if last is None or when > last else last
    site = reader.site
    return {
        "source": reader.name,
        "site": {"title": site.title, "link": site.link, "language": site.language},
        "wxr_version": site.wxr_version,
        "generator": site.generator,
        "items": items,
        "by_type": dict(by_type.most_common()),
        "by_status": dict(by_status.most_common()),
        "by_type_and_status": dict(by_type_and_status.most_common()),
        "comments": approved + not_approved,
        "comments_by_type": dict(comments_by_type.most_common()),
        "comments_approved": approved,
        "comments_not_approved": not_approved,
        "authors": len(reader.authors),
        "categories": len(reader.categories),
        "tags": len(reader.tags),
        "terms": len(reader.terms),
        "first_published": first.isoformat() if first is not None else None,
        "last_published": last.isoformat() if last is not None else None,
        "diagnostics": [str(d) for d in reader.diagnostics],
    }


def page_inspection(page: ScrapedPage) -> dict[str, Any]:
    """What ``wxrkit inspect --json`` prints for a saved page or a text scrape."""
    post, form = page.post, page.comment_form
    return {
        "source": page.source,
        "engine": page.engine,
        "engine_evidence": list(page.engine_evidence),
        "encoding": page.encoding,
        "site": {"title": page.site.title, "link": page.site.link, "language": page.site.language},
        "title": post.title,
        "url": post.url,
        "author": post.author.name if post.author else None,
        "author_bio": post.author.bio if post.author else None,
        "published": post.published.isoformat() if post.published else None,
        "categories": [c.name for c in post.categories],
        "tags": [t.name for t in post.tags],
        "words": len(page.text.split()),
        "comments": len(post.comments),
        "comment_form": None
        if form is None
        else {
            "title": form.title,
            "fields": [f.name for f in form.fields],
            "login_providers": list(form.login_providers),
            "requires_login": form.requires_login,
        },
        "diagnostics": [str(d) for d in page.diagnostics],
    }
