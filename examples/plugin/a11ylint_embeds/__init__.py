"""Embedded frames: a video player, a social post, a poll or a map sits in
an <iframe>, and a screen reader announces each one by its name. Without a
title the reader hears "frame" and a web address, or nothing useful at all,
and cannot tell the video from the advertisement beside it."""

from __future__ import annotations

from a11ylint.findings import Severity
from a11ylint.rules.base import Rule


class EmbedTitle(Rule):
    id = "embed-title"
    family = "embed"
    severity = Severity.ERROR
    wcag = ("4.1.2",)
    summary = "Embedded frame has no accessible name"
    rationale = (
        "Screen readers announce a frame by its name before its content. An untitled "
        "iframe is read as \"frame\" or by its address, so readers cannot tell the story's "
        "video from an advertisement or a tracking frame, nor decide whether to enter it."
    )
    fix = ('Give the iframe a title that says what it holds (title="Video: Storm closes the '
           'harbour"); hide a frame that shows nothing with aria-hidden="true" and '
           'tabindex="-1".')
    fail_examples = (
        '<iframe src="https://video.example/embed/4711"></iframe>',
    )
    pass_examples = (
        '<iframe src="https://video.example/embed/4711" title="Video: Storm closes the harbour">'
        '</iframe>',
        '<iframe src="https://ads.example/pixel" aria-hidden="true" tabindex="-1"></iframe>',
    )

    def check(self, page):
        # page.frames is one of the indexes the page builds in its single
        # walk; a rule never walks the tree again
        for frame in page.frames:
            if page.is_hidden(frame) or page.accessible_name(frame):
                continue
            src = (frame.get("src") or "").strip()
            what = f'<iframe src="{src[:80]}">' if src else "<iframe>"
            yield self.finding(
                page, frame,
                f"{what} has no accessible name: give it a title that says what it holds",
                context={"src": src or None},
            )


RULES = [EmbedTitle]
