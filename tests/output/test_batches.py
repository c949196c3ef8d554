"""What goes to convert's workers at once: bounded in posts and in characters, in order."""

from __future__ import annotations

from wxrkit import Comment, Post
from wxrkit.output import workers as run


def _size(post: Post) -> int:
    return len(post.content_raw) + sum(len(c.content) for c in post.comments)


def test_batches_are_bounded_and_keep_the_order() -> None:
    sizes = [10] * 100 + [run.BATCH_CHARACTERS + 1] + [run.BATCH_CHARACTERS // 3] * 7 + [5]
    posts = [
        Post(id=i, content_raw="x" * size, comments=(Comment(id=i, content="c"),))
        for i, size in enumerate(sizes)
    ]
    batches = list(run.batches(iter([run.Task(post, None, None) for post in posts])))
    assert [task.post.id for batch in batches for task in batch] == list(range(len(posts)))
    for batch in batches:
        assert 1 <= len(batch) <= run.BATCH_POSTS
        characters = [_size(task.post) for task in batch]
        # Over the bound only as a post of its own.
        assert len(batch) == 1 or sum(characters) <= run.BATCH_CHARACTERS
    assert any(len(batch) == 1 and _size(batch[0].post) > run.BATCH_CHARACTERS for batch in batches)
