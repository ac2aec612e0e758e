"""Screenshots of real pages for the README, written to tests/artifacts/."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT

pytestmark = pytest.mark.browser
ARTIFACTS = ROOT / "tests" / "artifacts"


def test_screenshot_of_a_cable_page(site_url: str, page) -> None:  # type: ignore[no-untyped-def]
    ARTIFACTS.mkdir(exist_ok=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site_url + "documents/07BAKU595/")
    assert page.locator(".edition-panel").is_visible()
    target = ARTIFACTS / "cable.png"
    page.screenshot(path=str(target))
    assert target.stat().st_size > 10_000
    assert Path(target).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
