"""The two MkDocs projects built from a benchmark corpus.

- ours: the repository's mkdocs.yml, assets, hooks and data, as the tests build it
  (`tests/conftest.build_site`); the hook preprocesses the sources in $EDITION_SOURCES;
- plain: the floor, the same texts as bare Markdown pages (each source's paragraphs
  as they stand) with the same theme, the search plugin and the same navigation shape (Home
  and the documents index; document pages not in the navigation).
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
_NOT_SOURCES = {".yml", ".yaml", ".md"}

PLAIN_CONFIG = """\
site_name: Plain pages
site_url: http://127.0.0.1:8000/
docs_dir: docs
theme:
  name: material
  language: en
  font: false
plugins:
  - search
nav:
  - Home: index.md
  - Documents: documents/index.md
validation:
  omitted_files: info
"""


def our_project(project: Path) -> Path:
    """Set up the repository's site in `project`; returns its mkdocs.yml."""
    project.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "docs" / "assets", project / "docs" / "assets", dirs_exist_ok=True)
    for shared in ("scripts", "data", "overrides"):
        if not (project / shared).exists():
            (project / shared).symlink_to(ROOT / shared)
    return project / "mkdocs.yml"


def _bare(text: str) -> str:
    """`text` as bare Markdown: its paragraphs as they stand, wrapped lines joined the
    way Markdown joins them. No escaping: the floor is what MkDocs costs for plain
    prose, not a correct rendering of every source."""
    return text.strip() + "\n"


def plain_project(project: Path, sources: Path) -> Path:
    """Write the plain site of the files in `sources` into `project`; returns its
    mkdocs.yml."""
    docs = project / "docs" / "documents"
    docs.mkdir(parents=True, exist_ok=True)
    (project / "mkdocs.yml").write_text(PLAIN_CONFIG, encoding="utf-8")
    (project / "docs" / "index.md").write_text("# Plain pages\n\nThe sources as bare pages.\n", encoding="utf-8")
    names = []
    for path in sorted(sources.iterdir()):
        if not path.is_file() or path.suffix.lower() in _NOT_SOURCES:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        (docs / f"{path.stem}.md").write_text(f"# {path.stem}\n\n{_bare(text)}", encoding="utf-8")
        names.append(path.stem)
    listing = "".join(f"- [{name}]({name}.md)\n" for name in names)
    (docs / "index.md").write_text(f"# Documents\n\n{listing}", encoding="utf-8")
    return project / "mkdocs.yml"


def mkdocs_build(config: Path) -> list[str]:
    """The command that builds the site of `config` (not strict: corpus cables can
    give reader warnings)."""
    return [sys.executable, "-m", "mkdocs", "build", "-f", str(config)]


def environment(sources: Path) -> dict[str, str]:
    return dict(os.environ, EDITION_SOURCES=str(sources), NO_MKDOCS_2_WARNING="1")
