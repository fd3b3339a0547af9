"""Articles per minute of ``run_batch`` on 1 and 2 processes, over 200 generated articles.

Each process count runs twice: "cold" includes starting the worker pool, "warm" does not
(the fork server is already up, as in a long-lived app or the second batch of a session).

The articles are built here from our own template sentences with varying figures (parade
troops and tanks, the front line, city budgets, weather, transport), half of them as
HTML, so the run covers loading, extraction and comparison. The store is built from
reference_data/ into a temporary SQLite file. Prints figures, asserts nothing. Usage:

    .venv/bin/python benchmarks/batch.py [--articles 200] [--processes 1 2] [--seed 7]
"""

from __future__ import annotations

import argparse
import logging
import os
import random
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SENTENCES = [
    "About {troops:,} troops marched in the Victory Day parade on Red Square on Tuesday, fewer than the year before.",
    "Only {tanks} tank{tanks_s} took part in the Victory Day parade in Moscow, a T-34 from the war years among them.",
    "The front line in Ukraine now stretches for roughly {front:,} kilometres, the general staff said.",
    "The city council approved a budget of {budget} million euros for {year}, up {pct} percent.",
    "Some {riders:,} passengers used the new tram line on its first day, the operator said.",
    "Temperatures reached {temp} degrees on Sunday, the hottest day since {since}.",
    "The bridge is {bridge:,} metres long and took {months} months to build.",
    "More than {visitors:,} people visited the museum in {year}, twice as many as in {since}.",
    "The school will hire {teachers} new teachers and open {classes} more classes in September.",
    "Fuel prices rose by {fuel} cents a litre in a week, to {price} euros.",
]


def make_article(rng: random.Random, n: int) -> tuple[str, str]:
    """One generated article: (file name, content); every fourth-ish is HTML."""
    year = rng.randint(2015, 2024)
    values = {
        "troops": rng.choice([8000, 10000, 11000, 12500, 14000]),
        "tanks": rng.choice([1, 1, 2, 5]),
        "front": rng.choice([900, 1000, 1200, 1500]),
        "budget": rng.randint(40, 900),
        "year": year,
        "pct": rng.randint(1, 15),
        "riders": rng.randint(5, 60) * 1000,
        "temp": rng.randint(28, 41),
        "since": year - rng.randint(5, 40),
        "bridge": rng.randint(200, 3000),
        "months": rng.randint(8, 60),
        "visitors": rng.randint(20, 900) * 1000,
        "teachers": rng.randint(3, 80),
        "classes": rng.randint(2, 20),
        "fuel": rng.randint(2, 19),
        "price": f"{rng.uniform(1.4, 2.2):.2f}",
    }
    values["tanks_s"] = "" if values["tanks"] == 1 else "s"
    picked = rng.sample(SENTENCES, k=rng.randint(4, 8))
    paragraphs = [" ".join(s.format(**values) for s in picked[i : i + 2]) for i in range(0, len(picked), 2)]
    title = f"Local report {n}: figures of the week"
    if n % 2:
        body = "".join(f"<p>{p}</p>" for p in paragraphs)
        html = (
            f"<!DOCTYPE html><html><head><title>{title}</title>"
            f'<meta property="article:published_time" content="{year}-05-09"></head>'
            f"<body><nav>Home · News</nav><article><h1>{title}</h1>{body}</article><footer>© Our paper</footer></body></html>"
        )
        return f"article-{n:03d}.html", html
    return f"article-{n:03d}.txt", title + "\n\n" + "\n\n".join(paragraphs) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--processes", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    logging.disable(logging.WARNING)

    from factcheck.batch import run_batch
    from factcheck.store.importer import import_path
    from factcheck.store.db import get_engine

    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="factcheck-bench-") as tmp:
        root = Path(tmp)
        db = f"sqlite:///{root / 'reference.db'}"
        import_path(get_engine(db), ROOT / "reference_data")
        articles = root / "articles"
        articles.mkdir()
        chars = 0
        for n in range(1, args.articles + 1):
            name, content = make_article(rng, n)
            (articles / name).write_text(content, encoding="utf-8")
            chars += len(content)
        print(f"{args.articles} articles ({chars / args.articles:,.0f} characters each on average), store from reference_data/")
        load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
        print(f"{len(os.sched_getaffinity(0))} usable cores, load average {load} (other work on the machine slows the 2-process run most)")
        for p in args.processes:
            # the first run includes starting the pool (a fork server that imports the pipeline
            # once per process); the second shows the rate once it is running
            for label in ("cold", "warm"):
                t0, cpu0 = time.perf_counter(), time.process_time()
                summary = run_batch(
                    [str(articles)], root / f"out-{p}-{label}", processes=p, db=db, article_date=date(2023, 5, 9), progress=False
                )
                wall, cpu = time.perf_counter() - t0, time.process_time() - cpu0
                t = summary.totals()
                # with one process the work runs here, so its CPU time says what an idle core would do
                cpu_note = f", {1000 * cpu / summary.articles:.0f} ms CPU per article" if p == 1 else ""
                print(
                    f"{p} process{'es' if p > 1 else '  '} {label}: {summary.articles / wall * 60:7.1f} articles/min "
                    f"({wall:.1f} s wall{cpu_note}; {summary.errors} failed, {t['figures']} figures, {t['agree']} agree, "
                    f"{t['conflict']} conflict, {t['no_source']} no source)"
                )

if __name__ == "__main__":
    main()
