"""What counts as blog-page boilerplate: selectors and whole-line texts, as data only.

A rule removes an element by its markup (a class or id WordPress, its themes, WordPress.com or
Jetpack use for sharing, likes, related posts, comment forms, navigation), or an element whose
*whole* text is one of these lines. Nothing matches part of a sentence, so article text that
happens to contain "Share this" stays.
"""

from __future__ import annotations

import re

__all__ = ["BOILERPLATE_CLASSES", "BOILERPLATE_IDS", "BOILERPLATE_LINES", "BOILERPLATE_PATTERNS"]

BOILERPLATE_CLASSES = frozenset(
    {
        # Jetpack sharing, likes, related posts
        "sharedaddy",
        "sd-sharing-enabled",
        "sd-sharing",
        "sd-like",
        "sharing-hidden",
        "jetpack-likes-widget-wrapper",
        "post-likes-widget-placeholder",
        "likes-widget-placeholder",
        "wpl-likebox",
        "jp-relatedposts",
        "jp-relatedposts-headline",
        "jetpack_subscription_widget",
        "wp-block-jetpack-subscriptions",
        "wp-block-jetpack-sharing-buttons",
        "wp-block-jetpack-like",
        # other sharing plugins
        "addtoany_share_save_container",
        "a2a_kit",
        "shareaholic-canvas",
        "ssba",
        "social-share",
        "share-buttons",
        # comment forms and their WordPress.com identity block
        "comment-respond",
        "comment-form",
        "comment-form-identity",
        "comment-subscription-form",
        "post-subscription-form",
        "must-log-in",
        "logged-in-as",
        # navigation
        "post-navigation",
        "posts-navigation",
        "nav-links",
        "nav-previous",
        "nav-next",
        "post-nav-links",
    }
)
"""Classes whose elements are removed from a post body, whatever their text."""

BOILERPLATE_IDS = frozenset(
    {
        "jp-post-flair",
        "jp-relatedposts",
        "respond",
        "commentform",
        "comment-form-identity",
        "comment-form-nascar",
        "comment-form-guest",
        "comment-form-load-service",
        "comment-form-subscribe",
        "reply-title",
        "cancel-comment-reply-link",
        "nav-below",
        "nav-above",
    }
)
"""Ids whose elements are removed from a post body."""

BOILERPLATE_LINES = frozenset(
    {
        # English (WordPress core, WordPress.com, Jetpack)
        "Share this:",
        "Share:",
        "Like this:",
        "Like",
        "Like Loading...",
        "Like Loading…",
        "Loading...",
        "Related",
        "Related posts",
        "Leave a Reply",
        "Leave a Reply Cancel reply",
        "Leave a comment",
        "Cancel reply",
        "Post Comment",
        "Post navigation",
        "Enter your comment here...",
        "Fill in your details below or click an icon to log in:",
        "You are commenting using your WordPress.com account. ( Log Out / Change )",
        "You are commenting using your Twitter account. ( Log Out / Change )",
        "You are commenting using your Facebook account. ( Log Out / Change )",
        "You are commenting using your Google account. ( Log Out / Change )",
        "You are commenting using your Google+ account. ( Log Out / Change )",
        "( Log Out / Change )",
        "Connecting to %s",
        "Notify me of new comments via email.",
        "Notify me of new posts via email.",
        "Notify me of follow-up comments by email.",
        "Email (required) (Address never made public)",
        "Your email address will not be published.",
        "Your email address will not be published. Required fields are marked *",
        "Save my name, email, and website in this browser for the next time I comment.",
        "You must be logged in to post a comment.",
        "Post was not sent - check your email addresses!",
        "Email check failed, please try again",
        "Sorry, your blog cannot share posts by email.",
        "Bookmark the permalink.",
        # German
        "Teilen mit:",
        "Gefällt mir:",
        "Gefällt mir Wird geladen …",
        "Gefällt mir Wird geladen...",
        "Wird geladen …",
        "Ähnliche Beiträge",
        "Kommentar verfassen",
        "Kommentar verfassen Antwort abbrechen",
        "Benachrichtige mich über neue Kommentare via E-Mail.",
        "Benachrichtige mich über neue Beiträge via E-Mail.",
        # French
        "Partager :",
        "J’aime :",
        "J'aime :",
        "J’aime chargement…",
        "Articles similaires",
        "Laisser un commentaire",
        "Laisser un commentaire Annuler la réponse",
        # Spanish
        "Comparte esto:",
        "Compartir esto:",
        "Me gusta:",
        "Me gusta Cargando...",
        "Cargando...",
        "Relacionado",
        "Deja una respuesta",
        "Deja una respuesta Cancelar la respuesta",
        # Portuguese
        "Compartilhe isso:",
        "Partilhe isto:",
        "Curtir isso:",
        "Gostar disto:",
        "Curtir Carregando...",
        "Carregando...",
        "Deixe um comentário",
        "Deixe uma resposta",
    }
)
"""Whole texts (whitespace folded) of elements or lines that are boilerplate."""

BOILERPLATE_PATTERNS = (
    re.compile(r"This entry was posted in .+\. Bookmark the permalink\.", re.DOTALL),
    re.compile(r"This entry was posted on .+\. Bookmark the permalink\.", re.DOTALL),
    re.compile(r"(?:Posted in|Filed under) .+ \| (?:Tagged|Leave a comment|\d+ Comments?).*"),
    re.compile(r"You are commenting using your \S+ account\. \( Log Out / Change \)"),
)
"""Whole-line patterns: a line (or element text) must match from start to end."""
