"""The benchmark's results: the machine, one row per size (and per edit-loop size),
as JSON and Markdown."""

from __future__ import annotations

import json
import os
import platform
from importlib.metadata import version
from pathlib import Path

from .editloop import EditLoop
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


def to_json(rows: list[Measurement], host: dict[str, object], edit_loops: list[EditLoop] | None = None) -> str:
    report = {
        "machine": host,
        "results": [row.as_dict() for row in rows],
        "edit_loop": [loop.as_dict() for loop in edit_loops or []],
    }
    return json.dumps(report, indent=2) + "\n"


def _table(header: list[str], lines: list[list[str]]) -> str:
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---:" for _ in header) + "|"]
    out += ["| " + " | ".join(cells) + " |" for cells in lines]
    return "\n".join(out) + "\n"


def _material(r: Measurement) -> str:
    """Our build with Material's search: its time, or why there is none."""
    if r.build_material_skipped:
        return "n/a"
    if r.build_material_s is None:
        return "(same)"
    return f"{r.build_material_s:.2f} ({r.build_material_s / r.plain_s:.2f}×)"


def _edit_loop_table(loops: list[EditLoop]) -> str:
    lines = [[f"{loop.size:,}", f"{loop.median_s:.2f}", f"{loop.max_s:.2f}", str(loop.runs)] for loop in loops]
    return "### Edit loop: save to page served\n\n" + _table(["N", "median s", "max s", "runs"], lines)


def to_markdown(rows: list[Measurement], host: dict[str, object], edit_loops: list[EditLoop] | None = None) -> str:
    """Two tables (time; size and memory), the edit loop's, and the machine, as
    Markdown; a table without rows is left out."""
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
                _material(r),
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
            "largest process MiB (ours)",
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
                f"{r.build_largest_process_bytes / MIB:.0f}",
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
    if runs and runs != [1]:
        host_line += (
            f" Times are the median (the lower middle one) of {' or '.join(map(str, runs))} runs of each build."
        )
    if any(r.build_material_skipped for r in rows):
        host_line += " n/a: our build with Material's search not run at this size (--material-limit)."
    if rows and all(r.tree_memory for r in rows):
        host_line += (
            " Peak memory is the highest sum of the resident memory of each build's processes (sampled every 50 ms)."
        )
    elif rows:
        host_line += " Peak memory is that of the largest single process (/proc not readable)."
    out = f"### Time\n\n{times}\n### Size and memory\n\n{sizes}\n" if rows else ""
    if edit_loops:
        out += _edit_loop_table(edit_loops) + "\n"
    return f"{out}Measured on {host_line}\n"
