"""WCAG 2.2 success criteria that a11ylint rules refer to."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Criterion:
    number: str
    title: str
    level: str
    slug: str

    @property
    def url(self) -> str:
        return f"https://www.w3.org/WAI/WCAG22/Understanding/{self.slug}.html"


_CRITERIA = [
    Criterion("1.1.1", "Non-text Content", "A", "non-text-content"),
    Criterion("1.3.1", "Info and Relationships", "A", "info-and-relationships"),
    Criterion("2.4.1", "Bypass Blocks", "A", "bypass-blocks"),
    Criterion("2.4.2", "Page Titled", "A", "page-titled"),
    Criterion("2.4.4", "Link Purpose (In Context)", "A", "link-purpose-in-context"),
    Criterion("2.4.6", "Headings and Labels", "AA", "headings-and-labels"),
    Criterion("2.4.10", "Section Headings", "AAA", "section-headings"),
    Criterion("3.1.1", "Language of Page", "A", "language-of-page"),
    Criterion("4.1.2", "Name, Role, Value", "A", "name-role-value"),
]

CRITERIA: dict[str, Criterion] = {c.number: c for c in _CRITERIA}


def criterion(number: str) -> Criterion | None:
    return CRITERIA.get(number)


def url_for(number: str) -> str:
    c = CRITERIA.get(number)
    return c.url if c else "https://www.w3.org/WAI/WCAG22/Understanding/"
