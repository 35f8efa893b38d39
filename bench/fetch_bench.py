"""Fetch and lint pages from a local HTTP server: pages/s over the whole pipeline.

    python bench/fetch_bench.py [--pages 2000] [--jobs 1,2] [--concurrency 8] [--per-host 4]

A server process on 127.0.0.1 (random port, HTTP/1.1 keep-alive) serves the
synthetic pages from bench/synth.py and a sitemap listing them. Two figures:

* fetch only: the sitemap crawl and every page fetched, nothing linted
  (the network side of the pipeline alone);
* fetch + lint: the real command, ``a11ylint check --sitemap URL -j N``,
  in a subprocess, so fetching overlaps with linting as in normal use.

The server shares the machine's cores with the client, so on a 2-core box the
figures are a floor. Printed, never asserted.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))


def serve(n: int) -> None:
    import synth

    pages = [synth.page(i) for i in range(n)]

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args) -> None:
            pass

        def setup(self) -> None:
            super().setup()
            # headers and body go out in separate writes; without this, Nagle's
            # algorithm and the client's delayed ACK add 40 ms to every response
            self.request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

        def do_GET(self) -> None:
            host = f"http://{self.headers.get('Host')}"
            if self.path == "/sitemap.xml":
                body = ('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns='
                        '"http://www.sitemaps.org/schemas/sitemap/0.9">'
                        + "".join(f"<url><loc>{host}/p/{i}.html</loc></url>" for i in range(n))
                        + "</urlset>").encode()
                ctype = "application/xml"
            elif self.path.startswith("/p/"):
                i = int(self.path[3:].split(".")[0])
                body, enc = pages[i]
                ctype = f"text/html; charset={'windows-1252' if enc == 'cp1252' else 'utf-8'}"
            else:
                body, ctype = b"", "text/plain"
                self.send_response(404)
            if ctype != "text/plain":
                self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    class Server(ThreadingHTTPServer):
        daemon_threads = True
        request_queue_size = 128

        def handle_error(self, request, client_address) -> None:
            pass

    srv = Server(("127.0.0.1", 0), Handler)
    print(srv.server_address[1], flush=True)
    srv.serve_forever()


def fetch_only(sitemap: str, concurrency: int, per_host: int) -> tuple[float, int, int]:
    from a11ylint.fetch import FetchOptions
    from a11ylint.sources import Gather

    g = Gather(sitemaps=[sitemap], fetch=FetchOptions(concurrency=concurrency,
                                                      per_host=per_host, trust_env=False))
    t0 = time.perf_counter()
    ok = errors = 0
    for item in g.items():
        if item.error:
            errors += 1
        else:
            ok += 1
    return time.perf_counter() - t0, ok, errors


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=2000)
    ap.add_argument("--jobs", default="1,2")
    ap.add_argument("--concurrency", type=int, default=8)
    ap.add_argument("--per-host", type=int, default=4)
    ap.add_argument("--serve", type=int, help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    if a.serve:
        serve(a.serve)
        return 0

    t0 = time.perf_counter()
    server = subprocess.Popen([sys.executable, __file__, "--serve", str(a.pages)],
                              stdout=subprocess.PIPE, text=True)
    try:
        port = int(server.stdout.readline())
        print(f"server ready with {a.pages} pages in {time.perf_counter() - t0:.1f} s",
              file=sys.stderr)
        sitemap = f"http://127.0.0.1:{port}/sitemap.xml"
        rows = []
        secs, ok, errors = fetch_only(sitemap, a.concurrency, a.per_host)
        rows.append(("fetch only", secs, ok, errors))
        env = {**os.environ, "NO_PROXY": "127.0.0.1", "no_proxy": "127.0.0.1"}
        for j in [int(x) for x in a.jobs.split(",")]:
            cmd = [sys.executable, "-m", "a11ylint", "check", "--isolated", "--sitemap", sitemap,
                   "-j", str(j), "--concurrency", str(a.concurrency), "--per-host",
                   str(a.per_host), "-f", "json", "-o", os.devnull, "--no-progress"]
            t1 = time.perf_counter()
            proc = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            secs = time.perf_counter() - t1
            errs = proc.stderr.decode("utf-8", "replace").count("a11ylint: error:")
            rows.append((f"fetch + lint -j {j}", secs, a.pages - errs, errs))
    finally:
        server.terminate()
        server.wait()
    print(f"pages: {a.pages}  concurrency: {a.concurrency}  per-host: {a.per_host}  "
          f"cpus: {os.cpu_count()}")
    print(f"{'run':<18}  {'seconds':>8}  {'pages/s':>8}  {'ok':>6}  {'errors':>6}")
    for name, secs, ok, errs in rows:
        print(f"{name:<18}  {secs:>8.2f}  {a.pages / secs:>8.1f}  {ok:>6}  {errs:>6}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
