"""A built site served as GitHub Pages serves it, for the benchmark's browser: text
(HTML, CSS, JavaScript, JSON, XML, SVG) compressed with gzip when the browser accepts
it, everything else as it is (Pagefind's index files are compressed already). Each
file is compressed once and kept, as the host's cache keeps it: the first load of a
page pays for compressing it, the loads after it do not.

    python serve.py SITE

Prints "Serving on port N" once listening on 127.0.0.1, then serves until stopped.
Run in a process of its own (see `search._served`).
"""

from __future__ import annotations

import email.utils
import functools
import gzip
import http.server
import io
import sys
from pathlib import Path
from typing import BinaryIO

COMPRESSED = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt"}
_kept: dict[tuple[Path, int, int], bytes] = {}  # compressed, by file and (mtime, size)


class Handler(http.server.SimpleHTTPRequestHandler):
    def send_head(self) -> BinaryIO | None:  # type: ignore[override]
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?", 1)[0].endswith("/"):
            path = path / "index.html"
        if path.suffix not in COMPRESSED or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        try:
            stat = path.stat()
            key = (path, stat.st_mtime_ns, stat.st_size)
            body = _kept.get(key) or _kept.setdefault(key, gzip.compress(path.read_bytes(), 6, mtime=0))
        except OSError:
            return super().send_head()  # its own 404
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", email.utils.formatdate(stat.st_mtime, usegmt=True))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - base signature
        pass


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not Path(argv[0]).is_dir():
        print("usage: serve.py SITE (a built site's folder)", file=sys.stderr)
        return 2
    handler = functools.partial(Handler, directory=argv[0])
    with http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler) as server:
        print(f"Serving on port {server.server_address[1]}", flush=True)
        server.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
