"""Synthetic news pages for benchmarks: varied templates, sizes, encodings and faults.

    python bench/synth.py OUT_FOLDER [N] [--seed 7]

Deterministic for a given seed. The mix imitates what a newsroom archive
holds: article pages, section fronts and live blogs; 15-120 KB each with big
inline scripts (some push the <meta charset> past the first kilobyte), a
legacy-encoded share, tracking pixels in <noscript>, JSON-LD, figures with
captions, and a sprinkling of the faults the rules look for (missing or
placeholder alt text, skipped heading levels, broken skip links).
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from pathlib import Path

WORDS = ("council budget river flood election minister school hospital train strike storm "
         "market museum football season mayor village harbour festival court police report "
         "climate energy housing tram bridge library vote weather science") .split()
ACCENTED = ["café", "Zürich", "Málaga", "Øresund", "naïve", "Ærø", "São Paulo", "Köln"]


def _sentence(r: random.Random, n: int | None = None) -> str:
    words = [r.choice(WORDS) for _ in range(n or r.randint(6, 18))]
    if r.random() < 0.2:
        words.insert(r.randrange(len(words)), r.choice(ACCENTED))
    s = " ".join(words)
    return s[0].upper() + s[1:] + "."


def _script(r: random.Random, kb: int) -> str:
    chunk = "window.__data=window.__data||[];__data.push({id:%d,k:'%s',v:[1,2,3,4,5,6,7,8]});\n"
    lines = []
    size = 0
    while size < kb * 1024:
        line = chunk % (r.randrange(10**6), r.choice(WORDS))
        lines.append(line)
        size += len(line)
    return "<script>\n" + "".join(lines) + "</script>\n"


def _img(r: random.Random, i: int) -> str:
    roll = r.random()
    if roll < 0.12:
        alt = ""  # missing alt attribute
        return f'<img src="/media/{i}.jpg" width="640" height="360">'
    if roll < 0.2:
        alt = r.choice(["image", "photo", "IMG_2041.jpg", "placeholder"])
    elif roll < 0.3:
        alt = ""
    else:
        alt = _sentence(r, 6)[:-1]
    return f'<img src="/media/{i}.jpg" alt="{alt}" width="640" height="360">'


def _head(r: random.Random, title: str, charset: str, late_meta: bool) -> str:
    meta = f'<meta charset="{charset}">'
    parts = ["<!DOCTYPE html>", f'<html lang="{r.choice(["en", "de", "fr", "es"])}">', "<head>"]
    if not late_meta:
        parts.append(meta)
    parts.append(_script(r, r.randint(2, 30)))
    if late_meta:
        parts.append(meta)
    parts += [
        f"<title>{title}</title>",
        f'<meta property="og:title" content="{title}">',
        '<script type="application/ld+json">{"@context":"https://schema.org",'
        f'"@type":"NewsArticle","headline":"{title}"}}</script>',
        '<noscript><img height="1" width="1" src="https://www.facebook.com/tr?id=1&ev=PageView">'
        "</noscript>",
        "</head>",
    ]
    return "\n".join(parts)


def _nav(r: random.Random) -> str:
    skip = '<a class="skip" href="#main">Skip to content</a>' if r.random() < 0.8 else \
        '<a class="skip" href="#content-missing">Skip to content</a>'
    links = "".join(f'<li><a href="/{w}">{w.title()}</a></li>' for w in r.sample(WORDS, 8))
    return f'{skip}<header role="banner"><a href="/"><img src="/logo.svg" alt="Daily News">' \
           f'</a><nav aria-label="Sections"><ul>{links}</ul></nav></header>'


def _footer(r: random.Random) -> str:
    return ('<footer><p>© Daily News</p><a href="/imprint">Imprint</a> '
            '<a href="/privacy">Privacy</a></footer>')


def article(r: random.Random, i: int) -> str:
    title = _sentence(r, 7)[:-1]
    body = [f"<h1>{title}</h1>", f'<p class="lede">{_sentence(r)}</p>']
    for s in range(r.randint(3, 12)):
        if r.random() < 0.15:
            body.append(f"<h{r.choice([3, 4])}>{_sentence(r, 4)}</h{r.choice([3, 4])}>")
        else:
            body.append(f"<h2>{_sentence(r, 4)}</h2>")
        body += [f"<p>{_sentence(r)} {_sentence(r)} {_sentence(r)}</p>"
                 for _ in range(r.randint(2, 8))]
        if r.random() < 0.5:
            cap = _sentence(r, 8)
            body.append(f"<figure>{_img(r, i * 100 + s)}<figcaption>{cap}</figcaption></figure>")
    return "\n".join(["<body>", _nav(r), '<main id="main"><article>', *body,
                      "</article></main>", _footer(r), "</body></html>"])


def front(r: random.Random, i: int) -> str:
    teasers = []
    for t in range(r.randint(20, 60)):
        teasers.append(f'<div class="teaser"><a href="/story/{i}-{t}">{_img(r, t)}'
                       f"<h3>{_sentence(r, 6)}</h3></a><p>{_sentence(r)}</p></div>")
    return "\n".join(["<body>", _nav(r), f'<main id="main"><h1>{r.choice(WORDS).title()}</h1>',
                      '<section aria-label="Top stories">', *teasers, "</section></main>",
                      _footer(r), "</body></html>"])


def liveblog(r: random.Random, i: int) -> str:
    posts = []
    for p in range(r.randint(15, 50)):
        extra = f"<figure>{_img(r, p)}</figure>" if r.random() < 0.3 else ""
        posts.append(f'<article class="post"><time>{p:02d}:00</time><h2>{_sentence(r, 5)}</h2>'
                     f"<p>{_sentence(r)} {_sentence(r)}</p>{extra}</article>")
    return "\n".join(["<body>", _nav(r), f'<main id="main"><h1>Live: {_sentence(r, 5)}</h1>',
                      *posts, "</main>", _footer(r), "</body></html>"])


KINDS = (article, article, article, front, liveblog)


def page(i: int, seed: int = 7) -> tuple[bytes, str]:
    """(bytes, encoding) of synthetic page ``i``."""
    r = random.Random(seed * 1_000_003 + i)
    kind = KINDS[r.randrange(len(KINDS))]
    legacy = r.random() < 0.15
    charset = "windows-1252" if legacy else "utf-8"
    title = _sentence(r, 6)[:-1]
    html = _head(r, title, charset, late_meta=r.random() < 0.15) + "\n" + kind(r, i)
    enc = "cp1252" if legacy else "utf-8"
    return html.encode(enc, "xmlcharrefreplace"), enc


def generate(folder: str | Path, n: int, seed: int = 7) -> list[Path]:
    """Write ``n`` pages into ``folder`` (in subfolders of 500), returning their paths."""
    root = Path(folder)
    paths = []
    for i in range(n):
        sub = root / f"section-{i // 500:03d}"
        if i % 500 == 0:
            sub.mkdir(parents=True, exist_ok=True)
        p = sub / f"story-{i:06d}.html"
        p.write_bytes(page(i, seed)[0])
        paths.append(p)
    return paths


# the news corpus next to the project, when the machine has it
CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "news"


def pages_folder(folder: str | None, prefix: str, n: int = 300) -> Path:
    """The folder a benchmark was given; else the news corpus when present;
    else ``n`` synthetic pages written to a new temporary folder."""
    if folder:
        return Path(folder)
    if CORPUS.is_dir():
        return CORPUS
    out = Path(tempfile.mkdtemp(prefix=prefix))
    generate(out, n)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder")
    ap.add_argument("n", nargs="?", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args(argv)
    paths = generate(a.folder, a.n, a.seed)
    size = sum(p.stat().st_size for p in paths)
    print(f"{len(paths)} pages, {size / 1e6:.1f} MB, in {a.folder}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
