"""The plugin's own tests: its examples behave as documented, and findings
have exact positions."""

from a11ylint_embeds import EmbedTitle

from a11ylint.testing import example_failures, lint_html


def test_examples():
    assert example_failures(EmbedTitle) == []


def test_untitled_frames_are_reported_where_they_start():
    res = lint_html("""\
        <html lang="en"><body><main><h1>Storm</h1>
        <iframe src="https://video.example/embed/1"></iframe>
        <p>Text <iframe src="https://poll.example/2" title="Poll: should the ferry run?"></iframe>
        <iframe src="https://ads.example/3" hidden></iframe>
        <noscript><iframe src="https://tracker.example/4"></iframe></noscript>
        </main></body></html>
        """, select=["embed-title"])
    assert [(f.rule, f.line, f.column) for f in res.findings] == [("embed-title", 2, 1)]
