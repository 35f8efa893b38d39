"""Inline suppressions (placeholder until the directives module is complete)."""

from __future__ import annotations


def apply(page, findings, settings, rule_ids):
    return findings, 0
