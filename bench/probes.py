"""The texts no post body may contain, for the benchmarks that score page readers."""

from __future__ import annotations

# Texts of WordPress.com, Jetpack and comment forms that no body may contain.
BOILERPLATE_PROBES = (
    "Leave a Reply",
    "You are commenting using your",
    "Connecting to %s",
    "Fill in your details below or click an icon to log in",
    "Notify me of new comments via email",
    "Notify me of new posts via email",
    "Share this:",
    "Like this:",
    "Like Loading",
    "Gefällt mir:",
    "Teilen mit:",
    "Ähnliche Beiträge",
    "Kommentar verfassen",
    "Your email address will not be published",
    "Save my name, email, and website in this browser",
    "Bookmark the permalink",
)
