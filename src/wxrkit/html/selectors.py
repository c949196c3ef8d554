"""Where blog engines put each part of a post page: CSS selectors and texts, as data only.

Every list is in order of preference: the first selector that matches (inside the post's own
element where there is one) wins. WordPress core and its default themes come first, then the
conventions of popular third-party themes, then Blogger. Sources: WordPress's templates
(``post-template.php``, ``comment-template.php``, the default themes) and docs/pages.md.
"""

from __future__ import annotations

__all__ = [
    "AUTHOR_BIO",
    "AUTHOR_BIO_HEADINGS",
    "AUTHOR_NAME",
    "CANCEL_REPLY_TEXTS",
    "CATEGORY_LINKS",
    "COMMENT_AUTHOR",
    "COMMENT_BODY",
    "COMMENT_DATE",
    "COMMENT_FORM",
    "COMMENT_FORM_CONTAINER",
    "COMMENT_FORM_TITLE",
    "COMMENT_ITEMS",
    "COMMENT_LISTS",
    "CONTENT",
    "CONTENT_WORDS",
    "DATE",
    "DROP_ALWAYS",
    "DROP_FROM_CONTENT",
    "LOGIN_PROVIDER_CLASSES",
    "LOGIN_PROVIDER_TITLES",
    "NOT_CONTENT_WORDS",
    "PAGE_LINES",
    "POST_CONTAINER",
    "TAG_LINKS",
    "TAXONOMY_LABELS",
    "TITLE",
]

POST_CONTAINER = (
    "article.hentry",
    "div.hentry",
    "article[class*='post-']",
    "article.post",
    "div.post.type-post",
    "[itemtype*='schema.org/BlogPosting']",
    "[itemtype*='schema.org/Article']",
    "[itemtype*='schema.org/NewsArticle']",
    "div.post-outer",  # Blogger
    "article",
)
"""The element holding one post: title, byline, content and taxonomy links."""

CONTENT = (
    ".entry-content",
    ".wp-block-post-content",
    ".post-body.entry-content",  # Blogger
    ".post-body",
    "[itemprop='articleBody']",
    ".post-content",
    ".entry",
    ".entrytext",
    ".entry-body",
    ".post-entry",
    ".postcontent",
    ".post_content",
    ".storycontent",
    ".single-content",
    ".article-content",
    ".article-body",
    ".article__content",
    ".content-inner",
    ".td-post-content",
    ".post-text",
)
"""The post's body, in order of preference."""

TITLE = (
    ".entry-title",
    ".post-title",
    ".wp-block-post-title",
    "[itemprop='headline']",
    ".article-title",
    ".article__title",
    "h1",
)
"""The post's title inside its container."""

AUTHOR_NAME = (
    ".byline .author.vcard .fn",
    ".byline .author.vcard a",
    ".byline .author.vcard",
    ".author.vcard .fn",
    ".author.vcard a",
    ".vcard .fn",
    ".post-author .fn",
    ".post-author a",
    "a[rel='author']",
    "[itemprop='author'] [itemprop='name']",
    "[itemprop='author']",
    ".byline a",
    ".entry-author-name",
    ".author-name",
)
"""The author's name in the post's byline."""

DATE = (
    "time.entry-date[datetime]",
    "time.published[datetime]",
    ".posted-on time[datetime]",
    "abbr.published[title]",
    "time[datetime]",
    "[itemprop='datePublished']",
)
"""The publication date; ``datetime``, ``title`` or ``content`` attributes are preferred."""

CATEGORY_LINKS = (
    "a[rel~='category']",
    ".cat-links a",
    ".category-link a",
    ".post-categories a",
    ".taxonomy-category a",
    ".entry-categories a",
    ".categories a",
)
"""Category links of the post (``rel="category tag"`` from ``get_the_category_list()``)."""

TAG_LINKS = (
    "a[rel='tag']",
    ".tags-links a",
    ".tag-links a",
    ".post_tags a",
    ".td-tags a",
    ".taxonomy-post_tag a",
    ".post-tags a",
    ".entry-tags a",
    ".tags a",
    ".post-labels a",  # Blogger labels
)
"""Tag links of the post; ``rel="category tag"`` links are categories, not tags."""

AUTHOR_BIO = (
    "#author-info",
    ".author-bio",
    ".author-info",
    ".author-box",
    ".about-author",
    ".entry-author",
    ".author-description",
    ".saboxplugin-wrap",
)
"""Author boxes: "About <name>" and a description."""

AUTHOR_BIO_HEADINGS = (
    "About {name}",
    "Published by {name}",
    "Über {name}",
    "À propos de {name}",
    "Sobre {name}",
    "Acerca de {name}",
)
"""Headings of author boxes, to tell the name from the description."""

COMMENT_LISTS = (
    "ol.commentlist",
    "ol.comment-list",
    "ul.commentlist",
    "ul.comment-list",
    ".wp-block-comment-template",
    ".comments-content",  # Blogger (threaded)
    "#comments-block",  # Blogger (classic)
    "#wcThreadWrapper",  # wpDiscuz
    ".wc-thread-wrapper",
)
"""The list of comments; replies nest in ``ul.children``."""

COMMENT_ITEMS = (
    "li.comment, li.pingback, li.trackback",
    "div.wc-comment",  # wpDiscuz
    "li.comment-item",
    "li[id^='c']",
)
"""One comment in a list (its children lists hold the replies)."""

COMMENT_AUTHOR = (
    ".comment-author .fn",
    ".comment-author cite",
    ".comment-author b",
    ".comment-author",
    ".wp-block-comment-author-name",
    ".wc-comment-author",  # wpDiscuz
    ".user",  # Blogger
    "cite",
)
"""The commenter's name inside one comment."""

COMMENT_DATE = (
    ".comment-metadata time[datetime]",
    ".comment-meta time[datetime]",
    "time[datetime]",
    ".comment-metadata a",
    ".comment-meta a",
    ".commentmetadata a",
    ".datetime a",  # Blogger
)
"""The comment's date."""

COMMENT_BODY = (
    ".comment-content",
    ".wp-block-comment-content",
    ".wc-comment-text",  # wpDiscuz
    ".comment-text",
    ".comment-body > p",
    ".comment-content p",
    "p.comment-content",  # Blogger
)
"""The comment's text."""

COMMENT_FORM_CONTAINER = ("#respond", ".comment-respond", ".comment-form", "#comment-form")
"""The block around the comment form."""

COMMENT_FORM = ("form#commentform", "form.comment-form", "form[action*='wp-comments-post']")
"""The comment form itself."""

CANCEL_REPLY_TEXTS = (
    "Cancel reply",
    "Antworten abbrechen",
    "Antwort abbrechen",
    "Annuler la réponse",
    "Cancelar la respuesta",
    "Cancelar resposta",
)
"""The "cancel reply" link beside a comment form's heading, in the languages covered."""

COMMENT_FORM_TITLE = (
    "#reply-title",
    ".comment-reply-title",
    "#comment-post-message",
    "h3",
    "h2",
    "h4",
)
"""The comment form's heading ("Leave a Reply")."""

LOGIN_PROVIDER_CLASSES = {
    "pa-wordpress": "WordPress.com",
    "pa-twitter": "Twitter",
    "pa-facebook": "Facebook",
    "pa-googleplus": "Google+",
    "pa-google": "Google",
}
"""WordPress.com's per-service "You are commenting using your … account" blocks."""

LOGIN_PROVIDER_TITLES = {
    "Login via WordPress.com": "WordPress.com",
    "Login via Twitter": "Twitter",
    "Login via Facebook": "Facebook",
    "Login via Google": "Google+",
}
"""Titles of WordPress.com's log-in icons (``a.nascar-signin-link``)."""

DROP_ALWAYS = (
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "form",
    "button",
    "select",
    "textarea",
    "iframe",
    "object",
    "embed",
    "canvas",
    ".screen-reader-text",
    "[hidden], [aria-hidden='true']",
)
"""Removed from the content before its text is taken: no article text lives there."""

DROP_FROM_CONTENT = (
    "#jp-post-flair",
    ".sharedaddy",
    ".jp-relatedposts",
    "#jp-relatedposts",
    ".wpcnt",
    ".wpa",  # WordPress.com ads
    ".post-likes-widget-placeholder",
    ".jetpack-likes-widget-wrapper",
    ".wp-block-jetpack-subscriptions",
    ".wp-block-jetpack-sharing-buttons",
    ".addtoany_share_save_container",
    ".a2a_kit",
    ".shareaholic-canvas",
    ".ssba",
    ".yarpp-related",
    ".crp_related",
    ".rp4wp-related-posts",
    ".related-posts",
    ".post-navigation",
    ".navigation",
    ".nav-links",
    ".post-nav-links",
    ".comment-respond",
    "#comments",
    ".comments-area",
    ".entry-meta",
    ".entry-footer",
    ".post-meta",
    ".entry-utility",
    ".post-footer",
    ".author-info",
    "#author-info",
    ".author-bio",
    ".author-box",
    ".about-author",
    ".saboxplugin-wrap",
    ".wp-block-post-terms",
    ".cat-links",
    ".tags-links",
    ".post-tags",
    ".post-categories",
    ".widget",
    ".adsbygoogle",
)
"""Removed from inside the post's body: sharing, likes, related posts, bylines, forms."""

NOT_CONTENT_WORDS = (
    "comment",
    "sidebar",
    "widget",
    "footer",
    "header",
    "masthead",
    "menu",
    "nav",
    "breadcrumb",
    "related",
    "share",
    "sharing",
    "social",
    "sponsor",
    "advert",
    "promo",
    "newsletter",
    "subscribe",
    "cookie",
    "popup",
    "modal",
    "banner",
    "author-bio",
    "byline",
    "meta",
    "tags",
    "pagination",
    "disqus",
)
"""Class or id words of blocks that are never the article (generic fallback)."""

CONTENT_WORDS = ("article", "entry", "content", "post", "story", "text", "body", "main", "blog")
"""Class or id words of blocks that likely hold the article (generic fallback)."""

PAGE_LINES = frozenset(
    {
        "Permalink",
        "Write a comment",
        "Related Topics",
        "Related Articles",
        "Related Posts",
        "You may also like",
        "You might also like",
        "Read more",
        "Continue reading",
        "Print",
        "Tweet",
        "Share",
        "Email",
        "Weiterlesen",
        "Mehr lesen",
        "Ähnliche Artikel",
        "Das könnte dich auch interessieren",
        "Lire la suite",
        "Articles liés",
        "Leer más",
        "Artículos relacionados",
        "Ler mais",
        "Posts relacionados",
    }
)
"""Whole texts of page elements that are controls or headings of blocks around the post
(the rules of :mod:`wxrkit.clean.boilerplate_rules` apply as well)."""

TAXONOMY_LABELS = (
    "Posted in",
    "Filed under",
    "Category",
    "Categories",
    "Tags",
    "Tagged",
    "Tagged with",
    "Labels",
    "Kategorie",
    "Kategorien",
    "Schlagwörter",
    "Schlagworte",
    "Stichwörter",
    "Veröffentlicht in",
    "Catégorie",
    "Catégories",
    "Étiquettes",
    "Mots-clés",
    "Categoría",
    "Categorías",
    "Etiquetas",
    "Categoria",
    "Categorias",
    "Marcadores",
)
"""Labels of the "Categories: A, B" lines themes print; such a line made of links is dropped
from the body (its links are read as the post's terms first)."""
