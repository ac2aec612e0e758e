"""The benchmark's results: the machine, one row per size, as JSON and Markdown."""

from __future__ import annotations

import json
import os
import platform
from importlib.metadata import version
from pathlib import Path

from .runner import Measurement

KIB, MIB = 1024, 1024 * 1024


def machine() -> dict[str, object]:
    """What the numbers were measured on."""
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpus": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "cpu_model": model,
        "system": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "mkdocs": version("mkdocs"),
        "mkdocs_material": version("mkdocs-material"),
    }


def to_json(rows: list[Measurement], host: dict[str, object]) -> str:
    return json.dumps({"machine": host, "results": [row.as_dict() for row in rows]}, indent=2) + "\n"


def _table(header: list[str], lines: list[list[str]]) -> str:
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---:" for _ in header) + "|"]
    out += ["| " + " | ".join(cells) + " |" for cells in lines]
    return "\n".join(out) + "\n"


def to_markdown(rows: list[Measurement], host: dict[str, object]) -> str:
    """Two tables (time; size and memory) and the machine, as Markdown."""
    times = _table(
        [
            "cables",
            "documents",
            "preprocess s",
            "our build s",
            "plain build s",
            "preprocess share",
            "ours / plain",
            "search (ours)",
            "ours with Material's search s",
            "ms / doc (ours)",
            "ms / doc (plain)",
        ],
        [
            [
                f"{r.size:,}" + (f" ({r.generated:,} generated)" if r.generated else ""),
                f"{r.documents:,}",
                f"{r.preprocess_s:.2f}",
                f"{r.build_s:.2f}",
                f"{r.plain_s:.2f}",
                f"{r.preprocess_share:.0%}",
                f"{r.build_ratio:.2f}×",
                r.search_engine,
                f"{r.build_material_s:.2f} ({r.build_material_s / r.plain_s:.2f}×)" if r.build_material_s else "(same)",
                f"{r.ms_per_document:.1f}",
                f"{r.plain_ms_per_document:.1f}",
            ]
            for r in rows
        ],
    )
    sizes = _table(
        [
            "cables",
            "text MiB",
            "peak MiB (prep / ours / plain)",
            "HTML KiB / page (ours / plain)",
            "search index MiB (ours / plain)",
            "index / text",
            "site MiB (ours / plain)",
        ],
        [
            [
                f"{r.size:,}",
                f"{r.text_bytes / MIB:.1f}",
                f"{r.preprocess_peak_bytes / MIB:.0f} / {r.build_peak_bytes / MIB:.0f} / {r.plain_peak_bytes / MIB:.0f}",
                f"{r.html_bytes_per_page / KIB:.1f} / {r.plain_html_bytes_per_page / KIB:.1f}",
                f"{r.search_index_bytes / MIB:.1f} / {r.plain_search_index_bytes / MIB:.1f}",
                f"{r.index_per_text:.2f}",
                f"{r.site_bytes / MIB:.1f} / {r.plain_site_bytes / MIB:.1f}",
            ]
            for r in rows
        ],
    )
    host_line = (
        f"{host['cpus']} CPUs ({host['cpu_model']}), {host['system']}; Python {host['python']}, "
        f"MkDocs {host['mkdocs']}, Material {host['mkdocs_material']}."
    )
    runs = sorted({r.runs for r in rows})
    if runs != [1]:
        host_line += (
            f" Times are the median (the lower middle one) of {' or '.join(map(str, runs))} runs of each build."
        )
    return f"### Time\n\n{times}\n### Size and memory\n\n{sizes}\nMeasured on {host_line}\n"
