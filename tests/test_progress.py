"""The progress counter shows on a terminal for long runs and stays quiet otherwise."""

from __future__ import annotations

import io

import pytest
from edition.progress import TerminalProgress


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def run(progress: TerminalProgress, total: int) -> None:
    for done in range(1, total + 1):
        progress("reading", done, total)


def test_counts_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    stream = FakeTerminal()
    run(TerminalProgress(stream), 300)
    assert stream.getvalue().endswith("\rreading 300/300 (100%)\n")
    assert "\rreading 25/300 (8%)" in stream.getvalue()


@pytest.mark.parametrize(
    ("stream", "total", "ci"), [(io.StringIO(), 300, ""), (FakeTerminal(), 300, "true"), (FakeTerminal(), 50, "")]
)
def test_quiet_when_piped_in_ci_or_short(
    monkeypatch: pytest.MonkeyPatch, stream: io.StringIO, total: int, ci: str
) -> None:
    if ci:
        monkeypatch.setenv("CI", ci)
    else:
        monkeypatch.delenv("CI", raising=False)
    run(TerminalProgress(stream), total)
    assert stream.getvalue() == ""
