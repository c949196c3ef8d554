"""wxrkit: WordPress exports and blog pages as clean, typed data.

The public API is what ``__all__`` lists; everything else is private and may change.
"""

from wxrkit.errors import (
    Diagnostic,
    InputNotFoundError,
    LimitExceededError,
    NotAnExportError,
    ParseError,
    WxrkitError,
    WxrkitWarning,
)
from wxrkit.html import parse_html
from wxrkit.models import (
    Attachment,
    Author,
    Category,
    Comment,
    CommentForm,
    Export,
    FormField,
    Meta,
    Post,
    RawElement,
    ScrapedPage,
    Site,
    Tag,
    Term,
)
from wxrkit.php import PhpObject, PhpSerializeError, unserialize
from wxrkit.text import parse_text
from wxrkit.wxr import Limits, WxrReader, iter_wxr, read_wxr

__version__ = "0.1.0"

__all__ = [
    "Attachment",
    "Author",
    "Category",
    "Comment",
    "CommentForm",
    "Diagnostic",
    "Export",
    "FormField",
    "InputNotFoundError",
    "LimitExceededError",
    "Limits",
    "Meta",
    "NotAnExportError",
    "ParseError",
    "PhpObject",
    "PhpSerializeError",
    "Post",
    "RawElement",
    "ScrapedPage",
    "Site",
    "Tag",
    "Term",
    "WxrReader",
    "WxrkitError",
    "WxrkitWarning",
    "__version__",
    "iter_wxr",
    "parse_html",
    "parse_text",
    "read_wxr",
    "unserialize",
]
