"""The lines of a WordPress post page as a crawler's text dump keeps them: patterns, as data.

Each pattern matches a *whole* line (whitespace folded). The texts are WordPress core's, its
default themes', WordPress.com's and Jetpack's, in English, German, French, Spanish and
Portuguese (from WordPress core, its default themes and Jetpack); the ``clean`` boilerplate rules apply as well.
"""

from __future__ import annotations

import re

__all__ = [
    "AUTHOR_BOX",
    "BYLINE",
    "COMMENT_HEADER",
    "COMMENT_REPLY",
    "COMMENT_SAYS",
    "FORM_FIELDS",
    "FORM_HEADING",
    "FORM_LOGIN_REQUIRED",
    "LOGIN_PROVIDER",
    "PAGE_CHROME",
    "PERMALINK_PHRASE",
    "PINGBACK",
    "RELATED_HEADING",
    "SHARING_HEADING",
    "TAXONOMY",
    "VIEW_ALL_POSTS",
    "WORDPRESS_COM_LINES",
    "WORDPRESS_LINES",
]


def _whole(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{pattern})" for pattern in patterns), re.IGNORECASE)


_Q = "[\"'\u201c\u201d\u201e\u00ab\u00bb\u2018\u2019\u2039\u203a]"  # quotes around a title
_REST = r"(?P<rest>.+?)"

BYLINE = _whole(
    r"(?:Posted|Published|Veröffentlicht|Publié|Publicado)(?: on| am| le| el| em)? (?P<date>.+?)"
    r" (?:by|von|par|por) (?P<author>[^|]+?)(?: \| .*)?",
    r"(?P<date2>.+?\d{4}) (?:by|von|par|por) (?P<author2>[^|,]{1,80})",
    r"(?:Posted|Written) by (?P<author3>.+?) (?:on|am) (?P<date3>.+)",
    r"(?:By|Von|Par|Por) (?P<author4>[^|,.]{1,80}?)(?: (?:on|am|le|el|em) (?P<date5>[^|]*\d{4}[^|]*))?",
    r"(?:Published|Posted on|Veröffentlicht am) (?P<date4>.+\d{4}.*)",
)
"""Bylines: "Posted on <date> by <author>", "<date> by <author>", "By <author>"."""

TAXONOMY = (
    # twentyten .. twentytwelve: "This entry was posted in A and tagged b. Bookmark the permalink."
    re.compile(
        r"This entry was posted in (?P<categories>.+?)"
        r"(?: and tagged (?P<tags>.+?))?(?: on (?P<date>.+?))?(?: by (?P<author>.+?))?"
        r"\. Bookmark the permalink\.",
        re.IGNORECASE,
    ),
    re.compile(r"This entry was tagged (?P<tags>.+?)\. Bookmark the permalink\.", re.I),
    # twentyfifteen and most themes: "Posted in A, B | Tagged c, d | 2 Comments"
    re.compile(
        r"(?:Posted in|Filed under|Categories:?|Category:?|Veröffentlicht in|Kategorien:?|"
        r"Catégories?\s?:|Categorías?:?|Categorias?:?|Categorized as) (?P<categories>[^|]+?)"
        r"(?: \| (?:Tagged|Tags:?|Schlagwörter:?|Étiquettes\s?:|Etiquetas:?) (?P<tags>[^|]+?))?"
        r"(?: \| .*)?",
        re.IGNORECASE,
    ),
    re.compile(
        r"(?:Tagged|Tags:?|Tagged with:?|Schlagwörter:?|Schlagworte:?|Étiquettes\s?:|"
        r"Etiquetas:?|Labels:) (?P<tags>[^|]+?)(?: \| .*)?",
        re.IGNORECASE,
    ),
)
"""Category and tag lines; names are split at commas and a final "and"."""

AUTHOR_BOX = _whole(
    r"About (?P<name>.{1,80})",
    r"Published by (?P<name2>.{1,80})",
    r"Über (?P<name3>.{1,80})",
    r"À propos de (?P<name4>.{1,80})",
    r"(?:Sobre|Acerca de) (?P<name5>.{1,80})",
)
"""The heading of an author box; the lines after it, up to the next section, are the bio."""

VIEW_ALL_POSTS = _whole(
    r"View all posts by (?P<name>.+?)\s*(?:→|»)?",
    r"Alle Beiträge von (?P<name2>.+?) anzeigen\s*(?:→|»)?",
    r"Voir tous les articles par (?P<name3>.+?)\s*(?:→|»)?",
    r"View more posts",
)
"""The author box's link line."""

COMMENT_HEADER = _whole(
    rf"(?:There (?:are|is) )?"
    rf"(?P<count>\d+|One|Eine?n?|Un|Uma?) (?:thoughts?|Responses?|Comments?|Replies|Gedanken|"
    rf"Kommentare?|commentaires?|comentarios?|comentários?|respuestas?|respostas?|commenti|"
    rf"risposte|reacties?|komentarz[ey]?|kommentarer?)"
    rf"(?: (?:on|to|zu|sur|en|em|a|para) {_Q}?{_REST}{_Q}?)?",
)
"""The heading of a comment list: "2 thoughts on “Title”", "One thought on …", "3 Comments"."""

COMMENT_SAYS = re.compile(r"(?P<name>.{1,80}?) (?:says|sagt|dit|dice|disse)\s?:?", re.IGNORECASE)
"""A commenter's line in older themes: "Jane says:"."""

COMMENT_REPLY = _whole(
    r"Reply(?: ↓)?",
    r"Antworten",
    r"Répondre",
    r"Responder",
    r"Reply to .{1,80}",
    r"Log in to Reply",
)
"""The reply link that ends a comment."""

PINGBACK = re.compile(r"(?P<kind>Pingback|Trackback): (?P<rest>.+)", re.IGNORECASE)
"""A pingback or trackback entry."""

FORM_HEADING = _whole(
    r"Leave a Reply(?: to (?P<to>.+?))?(?: Cancel reply)?",
    r"Leave a comment(?: Cancel reply)?",
    r"Leave a Comment",
    r"Kommentar verfassen(?: Antwort abbrechen)?",
    r"Schreibe einen Kommentar(?: Antworten abbrechen)?",
    r"Hinterlasse einen Kommentar",
    r"Laisser un commentaire(?: Annuler la réponse\.?)?",
    r"Deja una respuesta(?: Cancelar la respuesta)?",
    r"Deja un comentario",
    r"Deixe um comentário(?: Cancelar resposta)?",
    r"Deixe uma resposta(?: Cancelar resposta)?",
    r"Post a Comment",
)
"""The comment form's heading; ``Cancel reply`` is the link beside it."""

FORM_LOGIN_REQUIRED = _whole(
    r"You must be logged in to post a comment\.",
    r"Du musst angemeldet sein, um einen Kommentar abzugeben\.",
    r"Vous devez être connecté pour publier un commentaire\.",
    r"Debes haber iniciado sesión para publicar un comentario\.",
    r"Você precisa fazer o login para publicar um comentário\.",
)
"""The line of a form that needs a login."""

LOGIN_PROVIDER = re.compile(
    r"You are commenting using your (?P<service>.*?) ?account\.?\s*\(?\s*Log\s?Out\s*/\s*Change\s*\)?"
    r"|Du kommentierst mit deinem (?P<service_de>.*?)-?Konto\.?\s*\(?\s*Abmelden\s*/\s*Ändern\s*\)?"
    r"|Vous commentez à l’aide de votre compte (?P<service_fr>.*?)\.?\s*\(?\s*Déconnexion\s*/\s*Changer\s*\)?"
    r"|Estás comentando usando tu cuenta de (?P<service_es>.*?)\.?\s*\(?\s*Cerrar sesión\s*/\s*Cambiar\s*\)?"
    r"|Você está comentando utilizando sua conta (?P<service_pt>.*?)\.?\s*\(?\s*Sair\s*/\s*Alterar\s*\)?",
    re.IGNORECASE,
)
"""WordPress.com's per-service line. Crawlers drop the linked service name of the first block,
which is WordPress.com's own ("You are commenting using your account.")."""

FORM_FIELDS = (
    (re.compile(r"Comment\s?\*?|Kommentar\s?\*?|Commentaire\s?\*?|Comentario\s?\*?|Comentário\s?\*?|Enter your comment here\.\.\.", re.I), "comment", "textarea"),
    (re.compile(r"Name\s?\*?|Name \(required\)|Nom\s?\*?|Nombre\s?\*?|Nome\s?\*?", re.I), "author", "text"),
    (re.compile(r"E-?mail\s?\*?|Email \(required\)(?: \(Address never made public\))?|E-Mail-Adresse\s?\*?|Adresse (?:de )?messagerie\s?\*?|Correo electrónico\s?\*?", re.I), "email", "email"),
    (re.compile(r"Website|Webseite|Site web|Web|Sitio web|Site", re.I), "url", "url"),
    (re.compile(r"Save my name, email, and website in this browser for the next time I comment\.|Meinen Namen, meine E-Mail-Adresse und meine Website in diesem Browser .*", re.I), "wp-comment-cookies-consent", "checkbox"),
    (re.compile(r"Notify me of (?:new|follow-up) comments (?:via|by) email\.|Benachrichtige mich über (?:neue|nachfolgende) Kommentare via E-Mail\.", re.I), "subscribe_comments", "checkbox"),
    (re.compile(r"Notify me of new posts (?:via|by) email\.|Benachrichtige mich über neue Beiträge via E-Mail\.", re.I), "subscribe_blog", "checkbox"),
)  # fmt: skip
"""Field labels of the comment forms, with the ``name`` and type WordPress gives each."""

SHARING_HEADING = _whole(
    r"Share this:?", r"Share:", r"Like this:", r"Teilen mit:", r"Gefällt mir:", r"Partager\s?:",
    r"J’aime\s?:", r"J'aime\s?:", r"Comparte esto:", r"Compartir esto:", r"Me gusta:",
    r"Compartilhe isso:", r"Partilhe isto:", r"Curtir isso:", r"Gostar disto:",
)  # fmt: skip
"""Jetpack's sharing and likes headings; the button labels follow."""

RELATED_HEADING = _whole(
    r"Related", r"Related posts", r"Ähnliche Beiträge", r"Articles similaires", r"Relacionado",
    r"Relacionados", r"Artigos relacionados",
)  # fmt: skip
"""Jetpack's related-posts heading; what follows is other posts' titles."""

PAGE_CHROME = _whole(
    r"Skip to (?:content|main content|navigation)",
    r"Zum Inhalt springen",
    r"Aller au contenu",
    r"Ir al contenido",
    r"Saltar para o conteúdo",
    r"Menu",
    r"Primary Menu",
    r"Search",
    r"Search for:",
    r"Suche nach:",
    r"Rechercher :?",
    r"Buscar:",
    r"Pesquisar por:",
    r"Post navigation",
    r"Beitragsnavigation",
    r"Navigation des articles",
    r"Navegación de entradas",
    r"Navegação de posts",
    r"← ?.{0,100}",
    r".{0,100} ?→",
    r"« ?(?:Previous|Older|Newer|Vorherige[rs]?|Ältere|Précédent|Anterior).{0,100}",
    r".{0,100}(?:Next|Newer|Older|Nächste[rs]?|Neuere|Suivant|Siguiente|Próximo) ?»",
    r"Previous (?:post|Post|article)?:?.{0,100}",
    r"Next (?:post|Post|article)?:?.{0,100}",
    r"Recent Posts",
    r"Recent Comments",
    r"Archives",
    r"Categories",
    r"Meta",
    r"Blogroll",
    r"Tags",
    r"Log in",
    r"Entries (?:feed|RSS)",
    r"Comments (?:feed|RSS)",
    r"WordPress\.org",
    r"Neueste Beiträge",
    r"Neueste Kommentare",
    r"Archive",
    r"Kategorien",
    r"Articles récents",
    r"Commentaires récents",
    r"Entradas recientes",
    r"Comentarios recientes",
    r"Posts recentes",
    r"Comentários",
    r"Follow (?:Blog via Email|.{1,60} on WordPress\.com)",
    r"Blog Stats",
    r"Top Posts (?:&|and) Pages",
    r"Proudly powered by WordPress\.?",
    r"Stolz präsentiert von WordPress",
    r"Fièrement propulsé par WordPress",
    r"Funciona gracias a WordPress",
    r"Orgulhosamente mantido com WordPress",
    r"Blog at WordPress\.com\.?",
    r"Create a free website or blog at WordPress\.com\.?",
    r"Bloggen auf WordPress\.com\.?",
    r"Theme: .{1,80}\.?",
    r"Privacy & Cookies: .+",
    r"Follow",
    r"Following",
    r"Subscribe",
    r"Customize",
    r"Report this content",
    r"View site in Reader",
    r"Manage subscriptions",
    r"Collapse this bar",
    r"Sign me up",
    r"Already have a WordPress\.com account\? Log in now\.",
)
"""Navigation, sidebar widgets and footers. A whole-line match before the body or after it is
dropped; inside the body only the boilerplate rules apply."""

WORDPRESS_COM_LINES = _whole(
    r"Blog at WordPress\.com\.?",
    r"Bloggen auf WordPress\.com\.?",
    r"Du kommentierst mit deinem .*Konto.*",
    r"Trage deine Daten unten ein oder klicke ein Icon um dich einzuloggen:?.*",
    r"Create a free website or blog at WordPress\.com\.?",
    r"You are commenting using your .*account.*",
    r"Fill in your details below or click an icon to log in:?.*",
    r"Connecting to %s",
)
"""Lines only WordPress.com pages have."""

WORDPRESS_LINES = _whole(
    r"Proudly powered by WordPress\.?",
    r"This entry was posted in .+",
    r"Leave a Reply(?: Cancel reply)?",
    r"Your email address will not be published\..*",
    r"Save my name, email, and website in this browser for the next time I comment\.",
    r"\d+ thoughts? on .+",
    r"One thought on .+",
)
"""Lines WordPress (self-hosted or WordPress.com) pages have."""


PERMALINK_PHRASE = re.compile(
    r"Bookmark (?:the|de) permalink"
    r"|Lesezeichen .{0,30}Permalink"
    r"|(?:Marquer|Ajouter) .{0,20}permalien"
    r"|(?:Guarda|Marca) .{0,20}enlace permanente"
    r"|favoritos o link permanente"
    r"|segnalibri .{0,10}permalink",
    re.IGNORECASE,
)
"""The phrase of the themes' post footers ("… Filed under A, B. Bookmark the permalink."),
searched anywhere in a line: themes write the rest of that line in their own words."""
