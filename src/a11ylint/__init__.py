"""a11ylint: an accessibility and compliance linter for news web pages."""

__version__ = "0.1.0"
