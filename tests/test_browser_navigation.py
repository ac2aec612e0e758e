"""A reader opens the home page and follows the navigation to each document."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser


def test_navigation_reaches_every_document(site: Path, site_url: str, page) -> None:  # type: ignore[no-untyped-def]
    documents = json.loads((site / "catalogue.json").read_text(encoding="utf-8"))["documents"]
    assert len(documents) == 3
    for document in documents:
        page.goto(site_url)
        page.locator(".md-tabs, .md-nav--primary").get_by_role("link", name="Documents").first.click()
        page.wait_for_url("**/documents/")
        page.locator("article").get_by_role("link", name=document["title"], exact=True).click()
        page.wait_for_url("**/" + document["page"])
        # The heading without its permalink symbol.
        heading = page.locator("article h1").evaluate("h => h.firstChild.textContent")
        assert heading.strip() == document["title"]
