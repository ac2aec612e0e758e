"""The site built for a local folder (`make offline`) works from file:// URLs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import ROOT, broken_links, build_site

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("offline")
    result = build_site(project, ROOT / "seeds", OFFLINE="true", DIRECTORY_URLS="false")
    assert result.returncode == 0, result.stderr
    return project / "site"


def test_offline_site_is_browsable_from_a_folder(offline_site: Path, page) -> None:  # type: ignore[no-untyped-def]
    catalogue = json.loads((offline_site / "catalogue.json").read_text(encoding="utf-8"))
    cable = next(d for d in catalogue["documents"] if d["kind"] == "cable")
    assert cable["page"] == "documents/07BAKU595.html"
    page.goto((offline_site / "index.html").as_uri())
    page.locator(".md-nav--primary").get_by_role("link", name="Documents").first.click()
    page.locator("article").get_by_role("link", name=cable["title"], exact=True).click()
    page.wait_for_url("**/" + cable["page"])
    assert page.locator("article h1").evaluate("h => h.firstChild.textContent").strip() == cable["title"]
    # The search index is embedded as a script, which a file:// page can load
    # (searching from a folder also needs Material's iframe-worker shim, which the
    # offline plugin loads from unpkg.com: see the README).
    assert (offline_site / "search" / "search_index.js").is_file()


def test_every_link_in_the_offline_copy_resolves(offline_site: Path) -> None:
    assert broken_links(offline_site) == []
