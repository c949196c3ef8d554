"""Comments in markup of a theme's own, read by their shape (wxrkit.html.comment_shapes)."""

from __future__ import annotations

from datetime import date

from wxrkit import parse_html

ARTICLE = """<article class="post hentry"><h1 class="entry-title">Tides</h1>
<div class="entry-content"><p>The spring tide came in higher than any of us had seen, over the
sea wall and into the lane, and left a line of weed along the garden fence.</p></div></article>"""


def test_a_definition_list_of_headers_and_bodies() -> None:
    page = parse_html(
        f"""<html><body>{ARTICLE}<div id="comments"><h3>2 comments</h3>
        <dl id="comment_list">
          <dt class="comment" id="comment-11"><span class="comment_author">
            <a class="url" href="https://ann.example/">Ann</a></span>
            <span class="comment_time">July 7, 2012 at 12:27 am</span></dt>
          <dd class="comment"><div class="format_text"><p>We had the same in Leith.</p>
            <p>Sandbags all morning.</p></div></dd>
          <dt class="comment" id="comment-12"><span class="comment_author">Bo</span>
            <span class="comment_time">July 8, 2012 at 9:00 am</span></dt>
          <dd class="comment"><div class="format_text"><p>Stay dry!</p></div></dd>
        </dl></div>
        <div id="respond"><form action="/wp-comments-post.php"><p><label>Name</label>
        <input name="author"></p><textarea name="comment"></textarea></form></div>
        </body></html>"""
    )
    comments = page.post.comments
    assert [(c.id, c.author, c.author_url) for c in comments] == [
        (11, "Ann", "https://ann.example/"),
        (12, "Bo", None),
    ]
    assert [c.published.date() if c.published else None for c in comments] == [
        date(2012, 7, 7),
        date(2012, 7, 8),
    ]
    assert "Sandbags all morning." in comments[0].content
    assert "Stay dry!" in comments[1].content
    assert "Name" not in "".join(c.content for c in comments)


def test_repeated_items_whose_text_no_known_class_marks() -> None:
    page = parse_html(
        f"""<html><body>{ARTICLE}<div class="comments"><ul class="comment_list">
        <li><div class="comment_meta"><span class="name">Cas</span>
          <span class="date">March 3, 2013</span></div>
          <div class="comment_entry"><p>Lovely photographs.</p></div></li>
        <li><div class="comment_meta"><span class="name">Dee</span>
          <span class="date">March 4, 2013</span></div>
          <div class="comment_entry"><p>Where was the second one taken?</p></div></li>
        </ul></div></body></html>"""
    )
    assert [(c.author, c.content.count("<p>")) for c in page.post.comments] == [
        ("Cas", 1),
        ("Dee", 1),
    ]
    assert page.post.comments[1].published is not None
    assert "Where was the second one taken?" in page.post.comments[1].content


def test_wordpress_items_with_a_theme_body_keep_their_text() -> None:
    """``li.comment`` items found by WordPress's classes, whose text is in bare paragraphs."""
    page = parse_html(
        f"""<html><body>{ARTICLE}<ol class="commentlist">
        <li class="comment" id="li-comment-5"><h5><a class="url" href="https://e.example/">Eve</a></h5>
          <small>Posted on August 9, 2012 at 11:40am</small><p>First, and on time.</p>
          <a class="comment-reply-link" href="#">Reply</a>
          <ul class="children"><li class="comment" id="li-comment-6"><h5>Fay</h5>
            <p>Second, later.</p></li></ul></li>
        </ol></body></html>"""
    )
    comments = page.post.comments
    assert [(c.id, c.parent_id, c.author) for c in comments] == [(5, None, "Eve"), (6, 5, "Fay")]
    assert "First, and on time." in comments[0].content
    assert "Second, later." not in comments[0].content
    assert comments[0].published is not None and comments[0].published.day == 9


def test_any_list_named_for_comments_but_not_the_recent_comments_widget() -> None:
    widget = "".join(
        f'<li class="recentcomments"><a href="/p/{i}/#comment-{i}">Reader {i} on Post {i}</a></li>'
        for i in range(6)
    )
    page = parse_html(
        f"""<html><body>{ARTICLE}<h3 class="comments-count">One Comment</h3>
        <ul class="comment-items"><li id="comment-1446" class="row-fluid">
          <div class="comment-info"><h3><a class="url" href="https://m.example/">Marius</a></h3>
          <p>Schöner Relaunch und viel Glück beim Schreiben.</p><div><b>18. Mai 2020</b></div>
          </div></li></ul>
        <aside class="widget"><ul id="recentcomments">{widget}</ul></aside></body></html>"""
    )
    (comment,) = page.post.comments
    assert (comment.id, comment.author) == (1446, "Marius")
    assert "Schöner Relaunch" in comment.content
    assert comment.published is not None and comment.published.date() == date(2020, 5, 18)


def test_replies_nested_in_a_themes_items_are_comments_of_their_own() -> None:
    page = parse_html(
        f"""<html><body>{ARTICLE}<div id="comments"><ul class="comment_list">
        <li id="comment-1"><span class="name">Ann</span><span class="date">May 1, 2020</span>
          <div class="comment_entry"><p>Where is this?</p></div>
          <ul class="replies"><li id="comment-2"><span class="name">Bo</span>
            <span class="date">May 2, 2020</span>
            <div class="comment_entry"><p>Near the harbour.</p></div></li></ul></li>
        <li id="comment-3"><span class="name">Cy</span><span class="date">May 3, 2020</span>
          <div class="comment_entry"><p>Lovely.</p></div></li>
        </ul></div></body></html>"""
    )
    comments = page.post.comments
    assert [(c.id, c.parent_id, c.author) for c in comments] == [
        (1, None, "Ann"),
        (2, 1, "Bo"),
        (3, None, "Cy"),
    ]
    assert "Near the harbour." not in comments[0].content
    assert "Near the harbour." in comments[1].content
    assert comments[1].published is not None and comments[1].published.day == 2
