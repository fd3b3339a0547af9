"""How the store behaves at a million observations: import rate and indexed lookup times, in one run.

Builds a SQLite store of N synthetic observations (default 1,000,000: 1,000 metrics x 200
countries x 5 years, with ISO codes) through the real import path (open data → ``to_batch``,
the importer's row checks → ``write_batch``), then times ``StoreIndex`` lookups. Prints
figures; asserts nothing. Goals: import ≥ 50,000 rows/s, a lookup < 5 ms.
Usage:
    .venv/bin/python benchmarks/scale.py [--n 1000000] [--lookups 1000] [--keep store.db]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

import pycountry  # noqa: E402

from factcheck.store.db import get_engine  # noqa: E402
from factcheck.store.importer import write_batch  # noqa: E402
from factcheck.store.opendata.batch import to_batch  # noqa: E402
from factcheck.store.opendata.common import MetricDict, ObservationDict, OpenData, SourceDict  # noqa: E402
from factcheck.store.retrieve import StoreIndex  # noqa: E402

ENTITIES = 200
YEARS = tuple(range(2019, 2024))
WORDS = ("population", "exports", "imports", "debt", "spending", "troops", "tanks", "aircraft", "hospital",
         "beds", "teachers", "students", "births", "deaths", "roads", "rail", "ports", "energy", "coal", "wind")


def countries(n: int = ENTITIES) -> list[tuple[str, str]]:
    """(alpha-3 code, name) of the first ``n`` ISO countries by code."""
    return sorted((c.alpha_3, c.name) for c in pycountry.countries)[:n]


def synthetic(n: int) -> OpenData:
    """``n`` observations: ⌈n / 1,000⌉ metrics x 200 countries x 5 years, one source per 100 metrics."""
    per_metric = ENTITIES * len(YEARS)
    n_metrics = max(1, -(-n // per_metric))
    places = countries()
    sources = {f"bench-{i}": SourceDict(id=f"bench-{i}", title=f"Synthetic table {i}", publisher="Benchmark",
                                        url=f"https://example.org/bench/{i}", published="2024", indicator=f"BENCH.{i}",
                                        retrieved="2025-01-31")
               for i in range(-(-n_metrics // 100))}
    metrics = {f"m{i:05d}": MetricDict(key=f"m{i:05d}", label=f"{WORDS[i % 20]} {WORDS[(i // 20) % 20]} number {i}",
                                       unit="", keywords=f"{WORDS[(i * 7) % 20]};series {i}", entity="",
                                       description=f"synthetic series {i}", indicator="")
               for i in range(n_metrics)}

    def rows() -> Iterator[ObservationDict]:
        made = 0
        for i in range(n_metrics):
            for code, name in places:
                for year in YEARS:
                    if made == n:
                        return
                    made += 1
                    yield ObservationDict(metric=f"m{i:05d}", entity=name, entity_code=code, year=year,
                                          value=float((i * 7919 + made * 31) % 1_000_003) / 7,
                                          source_id=f"bench-{i // 100}", aggregate=False)

    return OpenData(sources=sources, metrics=metrics, observations=rows())


def build_store(path: str | Path, n: int = 1_000_000) -> dict[str, float]:
    """Build a SQLite store of ``n`` synthetic observations at ``path``; returns the timings in seconds."""
    engine = get_engine(f"sqlite:///{path}")
    t0, c0 = time.perf_counter(), time.process_time()
    batch = to_batch(synthetic(n), where="benchmark")
    t1, c1 = time.perf_counter(), time.process_time()
    report = write_batch(engine, batch)
    t2, c2 = time.perf_counter(), time.process_time()
    if report.added["observations"] != n:
        raise RuntimeError(f"expected {n:,} new observations: {report}")
    return {"rows": float(n), "check_s": t1 - t0, "write_s": t2 - t1, "check_cpu": c1 - c0, "write_cpu": c2 - c1}


def _ms(seconds: list[float]) -> str:
    """Median and 95th percentile in milliseconds."""
    qs = statistics.quantiles(seconds, n=20)
    return f"median {statistics.median(seconds) * 1000:.2f} ms, p95 {qs[18] * 1000:.2f} ms"


def main() -> None:
    """Build the store, print the import rate and lookup times."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=1_000_000, help="observations (default 1,000,000)")
    ap.add_argument("--lookups", type=int, default=1000, help="random lookups to time (default 1,000)")
    ap.add_argument("--keep", help="build the store here and keep it (default: a temporary file)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(args.keep) if args.keep else Path(tmp) / "scale.db"
        t = build_store(path, args.n)
        print(f"store: {args.n:,} observations, {path.stat().st_size / 2**20:,.0f} MB")
        if os.getloadavg()[0] > (os.cpu_count() or 1):
            print(f"note: load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores: wall times include waiting for a CPU")
        for name, key in (("row checks (to_batch)", "check"), ("import (write_batch) ", "write")):
            wall, cpu = t[f"{key}_s"], t[f"{key}_cpu"]
            goal = " (goal >= 50,000)" if key == "write" else ""
            print(f"{name}: {wall:.1f} s, {args.n / wall:,.0f} rows/s{goal}; CPU {cpu:.1f} s ({args.n / cpu:,.0f} rows per CPU-second)")
        print(f"both: {args.n / (t['check_s'] + t['write_s']):,.0f} rows/s")
        index = StoreIndex(get_engine(f"sqlite:///{path}"))
        metrics = [m.key for m in index.metrics()]
        codes = [c for c, _ in countries()]
        rng = random.Random(7)
        times: list[float] = []
        found = 0
        for _ in range(args.lookups):
            m, c, y = rng.choice(metrics), rng.choice(codes), rng.choice(YEARS)
            s = time.perf_counter()
            found += len(index.references(m, entity_code=c, year=y))
            times.append(time.perf_counter() - s)
        print(f"references(metric, entity_code=, year=): {_ms(times)} over {args.lookups:,} lookups "
              f"({found:,} rows found; goal < 5 ms)")
        times = []
        for _ in range(100):
            ms, cs = rng.sample(metrics, min(5, len(metrics))), rng.sample(codes, 3)
            s = time.perf_counter()
            got = index.references_for_metrics(ms, entity_codes=cs)
            times.append(time.perf_counter() - s)
        print(f"references_for_metrics(5 metrics, 3 countries): {_ms(times)} over 100 calls ({len(got)} rows each)")
        times = []
        for _ in range(100):
            s = time.perf_counter()
            index.metrics_for_terms([rng.choice(WORDS), rng.choice(WORDS)])
            times.append(time.perf_counter() - s)
        print(f"metrics_for_terms(2 words): {_ms(times)} over 100 calls")
        compare_checks(path, Path(tmp) / "shipped.db")
        get_engine(f"sqlite:///{path}", create=False).dispose()


def compare_checks(big: Path, shipped: Path, runs: int = 5) -> None:
    """The sample article checked against the shipped store and against it plus the big store, same run.

    Both stores hold reference_data/ (so the same figures find the same sources); the big one
    also holds the N synthetic observations. Median of ``runs`` warm checks each.
    """
    from factcheck.check import check_article
    from factcheck.store.importer import import_path

    sample = (ROOT / "samples" / "victory_day_2023.txt").read_text(encoding="utf-8")
    when = date(2023, 5, 9)
    medians = {}
    for name, path in (("shipped store", shipped), ("shipped + big store", big)):
        engine = get_engine(f"sqlite:///{path}")
        import_path(engine, ROOT / "reference_data")
        check_article(sample, when, engine=engine)  # warm: quantulum3, the gazetteer, the metric profiles
        times = []
        for _ in range(runs):
            s = time.perf_counter()
            result = check_article(sample, when, engine=engine)
            times.append(time.perf_counter() - s)
        medians[name] = statistics.median(times)
        print(f"check of the sample article against the {name}: median {medians[name]:.3f} s "
              f"({result.counts()})")
    ratio = medians["shipped + big store"] / medians["shipped store"]
    print(f"big store / shipped store: {ratio:.2f}x (goal <= 1.5x)")


if __name__ == "__main__":
    main()
