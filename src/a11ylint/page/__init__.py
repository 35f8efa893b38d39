"""Page loading and the shared page model."""

from a11ylint.page.decode import DecodeError
from a11ylint.page.model import Heading, Page, ParseError, Source

__all__ = ["DecodeError", "Heading", "Page", "ParseError", "Source"]
