"""A document printed from the browser (saved as PDF, A4): the seed cable fits on two
pages, each headed by the document's id and address, with none of the theme's chrome."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser
SEED_CABLE = "documents/07BAKU595/"


def page_count(pdf: bytes) -> int:
    """Pages of a PDF: with pypdf when it is installed, else by its page objects."""
    try:
        from pypdf import PdfReader
    except ImportError:
        return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
    from io import BytesIO

    return len(PdfReader(BytesIO(pdf)).pages)


def test_the_seed_cable_prints_on_at_most_two_a4_pages(site_url: str, page, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page.goto(site_url + SEED_CABLE)
    page.wait_for_function("document.documentElement.style.getPropertyValue('--edition-running-id') !== ''")
    pdf = page.pdf(format="A4", path=str(tmp_path / "cable.pdf"))
    assert 1 <= page_count(pdf) <= 2


def test_print_shows_the_text_without_the_chrome(site_url: str, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(site_url + SEED_CABLE)
    page.emulate_media(media="print")
    shown = page.evaluate(
        """() => Object.fromEntries(['.md-header', '.md-sidebar--primary', '.md-footer', 'details.edition-panel',
            '.edition-para-actions', '.edition-docline', '#p1', '.footnote', '.edition-emendations']
            .map(s => [s, !!document.querySelector(s) && getComputedStyle(document.querySelector(s)).display !== 'none']))"""
    )
    assert shown == {
        ".md-header": False,
        ".md-sidebar--primary": False,
        ".md-footer": False,
        "details.edition-panel": False,
        ".edition-para-actions": False,
        ".edition-docline": True,
        "#p1": True,
        ".footnote": True,
        ".edition-emendations": True,
    }
    glossary = page.locator("#p1 a.glossary-link").first
    assert glossary.evaluate("a => getComputedStyle(a).textDecorationLine") == "none"
    external = page.locator(".footnote a.external").first
    if external.count():  # a public copy of a cited cable: its address printed after it
        after = external.evaluate("a => getComputedStyle(a, '::after').content")
        assert external.get_attribute("href") in after
    running = page.evaluate(
        "() => ['--edition-running-id', '--edition-running-address'].map("
        "p => document.documentElement.style.getPropertyValue(p))"
    )
    assert running == ['"07BAKU595"', f'"{site_url}{SEED_CABLE}"']
