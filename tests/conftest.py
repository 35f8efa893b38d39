import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _outside_github_actions(monkeypatch):
    """The github format appends a job summary where Actions asks for one:
    a test run on Actions must not write into the real run's summary."""
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
