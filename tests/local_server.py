"""A real HTTP server on 127.0.0.1 (random port) for fetch and sitemap tests.

Every endpoint answers from memory; nothing here touches any other host.
Counters per path let tests assert how many requests (retries) were made.
"""

from __future__ import annotations

import gzip
import socket
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PAGE = ("<!DOCTYPE html><html lang=\"{lang}\"><head>{meta}<title>{title}</title></head>"
        "<body><main><h1>{title}</h1><p>News text.</p><img src=\"img/photo.jpg\" alt=\"A photo\">"
        "</main></body></html>")


def page(title: str, meta: str = "", lang: str = "en") -> str:
    return PAGE.format(title=title, meta=meta, lang=lang)


class Site:
    def __init__(self) -> None:
        self.hits: Counter = Counter()
        self.first_seen: dict[str, float] = {}
        self.seen_at: dict[str, list[float]] = {}
        self.last_headers: dict[str, dict[str, str]] = {}
        self.server: ThreadingHTTPServer | None = None
        self.stop_event = threading.Event()
        self.lock = threading.Lock()
        self.inflight = 0
        self.max_inflight = 0

    @property
    def base(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base + path


def _xml_urlset(urls: list[str], news: bool = False) -> bytes:
    if news:
        entries = "".join(
            f"<url><loc>{u}</loc><news:news><news:publication><news:name>Daily</news:name>"
            f"<news:language>en</news:language></news:publication>"
            f"<news:publication_date>2024-05-01</news:publication_date>"
            f"<news:title>Story {i}</news:title></news:news></url>" for i, u in enumerate(urls))
        ns = ('xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
              'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"')
    else:
        entries = "".join(f"<url><loc>{u}</loc><lastmod>2024-05-01</lastmod></url>" for u in urls)
        ns = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset {ns}>{entries}</urlset>'.encode()


def _xml_index(urls: list[str]) -> bytes:
    entries = "".join(f"<sitemap><loc>{u}</loc></sitemap>" for u in urls)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex '
            f'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</sitemapindex>').encode()


XXE = b"""<?xml version="1.0"?>
<!DOCTYPE urlset [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>&xxe;</loc></url></urlset>"""

LOL = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>http://x/&lol9;</loc></url></urlset>"""

BOMB = gzip.compress(b"\0" * (30 * 1024 * 1024), compresslevel=9)  # ~30 KB on the wire
BIG = b"<html><body>" + b"x" * (3 * 1024 * 1024) + b"</body></html>"


def make_handler(site: Site):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args) -> None:  # keep test output clean
            pass

        def setup(self) -> None:
            super().setup()
            # headers and body go out in separate writes; without this, Nagle's
            # algorithm and the client's delayed ACK add 40 ms to every response
            self.request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

        def send(self, status: int, body: bytes = b"", ctype: str | None = "text/html",
                 headers: dict | None = None, length: bool = True) -> None:
            self.send_response(status)
            if ctype:
                self.send_header("Content-Type", ctype)
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            if length:
                self.send_header("Content-Length", str(len(body)))
            else:
                self.send_header("Connection", "close")
            self.end_headers()
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass
            if not length:
                self.close_connection = True

        def redirect(self, location: str, status: int = 302) -> None:
            self.send(status, b"", ctype=None, headers={"Location": location})

        def do_GET(self) -> None:  # noqa: C901 - one table of routes
            path = self.path
            site.hits[path] += 1
            site.seen_at.setdefault(path, []).append(time.monotonic())
            site.last_headers[path] = {k.lower(): v for k, v in self.headers.items()}
            u = site.url
            if path == "/enc/header-only":
                body = page("café à la une").encode("cp1252")
                self.send(200, body, "text/html; charset=windows-1252")
            elif path == "/enc/meta-only":
                body = page("Ελλάδα", '<meta charset="iso-8859-7">').encode("iso-8859-7")
                self.send(200, body, "text/html")
            elif path == "/enc/conflict":
                # the header says KOI8-R, the page claims UTF-8: the header wins
                body = page("Новости", '<meta charset="utf-8">', "ru").encode("koi8-r")
                self.send(200, body, "text/html; charset=koi8-r")
            elif path == "/enc/utf8":
                self.send(200, page("Grüße").encode(), "text/html; charset=utf-8")
            elif path.startswith("/news/"):
                self.send(200, page(f"Story {path}").encode(), "text/html; charset=utf-8")
            elif path == "/chain/1":
                self.redirect("/chain/2", 301)
            elif path == "/chain/2":
                self.redirect(u("/chain/3"), 307)
            elif path == "/chain/3":
                self.redirect("/news/final.html", 308)
            elif path == "/loop/a":
                self.redirect("/loop/b")
            elif path == "/loop/b":
                self.redirect("/loop/a")
            elif path.startswith("/many/"):
                n = int(path.rsplit("/", 1)[1])
                self.redirect(f"/many/{n + 1}")
            elif path == "/to-file":
                self.redirect("file:///etc/passwd")
            elif path == "/to-bad-port":
                self.redirect("http://127.0.0.1:99999/news/a.html")
            elif path == "/to-bad-host":
                self.redirect("http://[::1/news/a.html")
            elif path == "/status/404":
                self.send(404, b"<html><body>gone</body></html>")
            elif path == "/status/500":
                self.send(500, b"<html><body>oops</body></html>")
            elif path == "/flaky":
                if site.hits[path] == 1:
                    self.send(503, b"busy")
                else:
                    self.send(200, page("Recovered").encode(), "text/html; charset=utf-8")
            elif path == "/slow":
                site.stop_event.wait(3)
                self.send(200, page("Slow").encode())
            elif path == "/rate":
                if site.hits[path] == 1:
                    self.send(429, b"slow down", headers={"Retry-After": "1"})
                else:
                    self.send(200, page("Rated").encode(), "text/html; charset=utf-8")
            elif path == "/rate-long":
                self.send(429, b"slow down", headers={"Retry-After": "3600"})
            elif path == "/big":
                self.send(200, BIG)
            elif path == "/big-chunked":
                self.send(200, BIG, length=False)
            elif path == "/bomb":
                self.send(200, BOMB, headers={"Content-Encoding": "gzip"})
            elif path == "/gzipped":
                self.send(200, gzip.compress(page("Compressed").encode()),
                          "text/html; charset=utf-8", headers={"Content-Encoding": "gzip"})
            elif path == "/doc.pdf":
                self.send(200, b"%PDF-1.7\n...", "application/pdf")
            elif path == "/fake-html":
                self.send(200, b"\x89PNG\r\n\x1a\n\0\0\0", "text/html")
            elif path == "/no-type":
                self.send(200, page("Untyped").encode(), ctype=None)
            elif path == "/echo":
                h = site.last_headers[path]
                title = f"{h.get('user-agent')}|{h.get('x-staging', '')}|{h.get('cookie', '')}"
                self.send(200, page(title).encode(), "text/html; charset=utf-8")
            elif path.startswith("/delay/"):
                with site.lock:
                    site.inflight += 1
                    site.max_inflight = max(site.max_inflight, site.inflight)
                site.stop_event.wait(float(path.split("/")[2]))
                with site.lock:
                    site.inflight -= 1
                self.send(200, page(f"Delayed {path}").encode(), "text/html; charset=utf-8")
            elif path.startswith("/goto?u="):
                self.redirect(path[len("/goto?u="):])
            elif path == "/robots.txt":
                self.send(200, b"User-agent: *\nDisallow: /private/\n", "text/plain")
            elif path.startswith("/private/"):
                self.send(200, page("Private").encode())
            elif path == "/sitemap_index.xml":
                self.send(200, _xml_index([u("/sitemaps/pages.xml.gz"), u("/sitemaps/news.xml")]),
                          "application/xml")
            elif path == "/sitemaps/pages.xml.gz":
                body = gzip.compress(_xml_urlset([u("/enc/utf8"), u("/news/a.html"),
                                                  u("/news/b.html")]))
                self.send(200, body, "application/x-gzip")
            elif path == "/sitemaps/news.xml":
                self.send(200, _xml_urlset([u("/news/c.html"), u("/news/a.html")], news=True),
                          "application/xml")
            elif path == "/sitemaps/file-entry.xml":
                self.send(200, _xml_urlset(["file:///etc/passwd", u("/news/d.html"),
                                            "ftp://127.0.0.1/x.html"]), "text/xml")
            elif path == "/sitemaps/xxe.xml":
                self.send(200, XXE, "application/xml")
            elif path == "/sitemaps/lol.xml":
                self.send(200, LOL, "application/xml")
            elif path == "/sitemaps/many.xml":
                self.send(200, _xml_urlset([u(f"/news/{i}.html") for i in range(50)]),
                          "application/xml")
            elif path == "/sitemaps/missing.xml":
                self.send(404, b"")
            else:
                self.send(404, b"not here", "text/plain")

    return Handler


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        pass  # clients that hang up early (size caps, timeouts) are expected here


def start() -> Site:
    site = Site()
    server = _Server(("127.0.0.1", 0), make_handler(site))
    site.server = server
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                     daemon=True).start()
    return site


def stop(site: Site) -> None:
    site.stop_event.set()
    site.server.shutdown()
    site.server.server_close()
