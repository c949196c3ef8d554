"""The streaming WXR (WordPress eXtended RSS) reader."""

from wxrkit.wxr.limits import Limits
from wxrkit.wxr.reader import WxrReader, iter_wxr, read_wxr

__all__ = ["Limits", "WxrReader", "iter_wxr", "read_wxr"]
