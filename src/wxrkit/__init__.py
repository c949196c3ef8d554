"""wxrkit: WordPress exports and blog pages as clean, typed data.

The public API is what ``__all__`` lists here, and the ``__all__`` of two packages for those
who need the single steps: :mod:`wxrkit.clean` (wpautop, blocks, shortcodes, boilerplate) and
:mod:`wxrkit.serializers` (the formats, their helpers and registry). Every other module is
private and may change.
"""

from wxrkit.clean import CleanContent, Cleaner
from wxrkit.errors import (
    Diagnostic,
    InputNotFoundError,
    LimitExceededError,
    LoneSurrogateWarning,
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
from wxrkit.serializers import (
    JsonSerializer,
    MarkdownSerializer,
    Serializer,
    TextSerializer,
    get_serializer,
    register_serializer,
    serializer_names,
)
from wxrkit.text import parse_text
from wxrkit.wxr import Limits, WxrReader, iter_wxr, read_wxr

__version__ = "0.1.0"

__all__ = [
    "Attachment",
    "Author",
    "Category",
    "CleanContent",
    "Cleaner",
    "Comment",
    "CommentForm",
    "Diagnostic",
    "Export",
    "FormField",
    "InputNotFoundError",
    "JsonSerializer",
    "LimitExceededError",
    "Limits",
    "LoneSurrogateWarning",
    "MarkdownSerializer",
    "Meta",
    "NotAnExportError",
    "ParseError",
    "PhpObject",
    "PhpSerializeError",
    "Post",
    "RawElement",
    "ScrapedPage",
    "Serializer",
    "Site",
    "Tag",
    "Term",
    "TextSerializer",
    "WxrReader",
    "WxrkitError",
    "WxrkitWarning",
    "__version__",
    "get_serializer",
    "iter_wxr",
    "parse_html",
    "parse_text",
    "read_wxr",
    "register_serializer",
    "serializer_names",
    "unserialize",
]
