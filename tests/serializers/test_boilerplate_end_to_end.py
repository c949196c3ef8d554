"""A post whose stored content carries a rendered page's boilerplate (pasted from the page)."""

from __future__ import annotations

import json

from wxrkit import Post
from wxrkit.serializers import get_serializer

PASTED = """I went to the marsh at dawn.

The curlews were there, and so was the fog.
<div id="jp-post-flair" class="sharedaddy sd-like-enabled sd-sharing-enabled">
<div class="sharedaddy sd-sharing-enabled"><div class="robots-nocontent sd-block sd-social sd-social-icon-text sd-sharing"><h3 class="sd-title">Share this:</h3><div class="sd-content"><ul><li class="share-twitter"><a href="#">Twitter</a></li><li class="share-facebook"><a href="#">Facebook</a></li><li class="share-end"></li></ul></div></div></div>
<div class="sharedaddy sd-block sd-like jetpack-likes-widget-wrapper jetpack-likes-widget-unloaded"><h3 class="sd-title">Like this:</h3><div class="likes-widget-placeholder post-likes-widget-placeholder"><span class="button"><span>Like</span></span> <span class="loading">Loading...</span></div></div>
<div id="jp-relatedposts" class="jp-relatedposts"><h3 class="jp-relatedposts-headline"><em>Related</em></h3></div>
</div>
This entry was posted in Birds. Bookmark the permalink.

<div id="respond" class="comment-respond"><h3 id="reply-title" class="comment-reply-title">Leave a Reply</h3>
<form id="commentform" class="comment-form"><div id="comment-form-identity"><p class="comment-form-posting-as pa-twitter">You are commenting using your Twitter account. <span class="comment-form-log-out">( Log Out / Change )</span></p></div>
<div id="comment-form-load-service"><p>Connecting to %s</p></div>
<p class="comment-subscription-form">Notify me of new comments via email.</p></form></div>"""

GONE = (
    "Share this",
    "Like this",
    "Loading",
    "Related",
    "Bookmark the permalink",
    "Leave a Reply",
    "You are commenting",
    "Log Out",
    "Connecting to",
    "Notify me",
    "Twitter",
)


def test_boilerplate_reaches_no_output() -> None:
    post = Post(id=1, title="Marsh", content_raw=PASTED)
    record = json.loads(get_serializer("json").post(post))
    outputs = {
        "html": record["content_html"],
        "text": record["content_text"],
        "markdown": get_serializer("markdown").post(post),
        "plain": get_serializer("text").post(post),
    }
    for name, output in outputs.items():
        assert "I went to the marsh at dawn." in output, name
        assert "so was the fog." in output, name
        for phrase in GONE:
            assert phrase not in output, (name, phrase)
