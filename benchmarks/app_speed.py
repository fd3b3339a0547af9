"""Seconds the app takes on a 1 MB article: from pressing Check to the first verdicts and to the whole check, and for a filter change.

A long article is checked in parts (factcheck/parts.py, factcheck/check_job.py): the first
part's verdicts are shown at once, the rest are checked by worker processes and the page
shows the whole check when they are done. Both moments are timed.

Prints figures, asserts nothing. Drives the app with Streamlit's AppTest (in process: the
script run, without a browser's drawing), or with --browser through a real server and
headless Chromium, as tests/test_browser.py does. The article is the sample repeated to
--size characters; 1 MB of it holds some 15,000 written numbers, over the default limit of
10,000, so FACTCHECK_MAX_ARTICLE_NUMBERS is raised for the run.

Usage:
    .venv/bin/python benchmarks/app_speed.py [--size 1000000] [--filters 5] [--browser]
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import warnings
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))
from speed import repeat_to  # noqa: E402  (one way to grow the sample for every benchmark)
from factcheck.check_job import WORKERS  # noqa: E402

CHROMIUM = os.environ.get("FACTCHECK_CHROMIUM", "/usr/bin/chromium")
FILTERS = [["conflict"], ["agree", "conflict"], ["no_source"], ["agree", "conflict", "no_source"], ["not_checkable"]]
FILTER_LABELS = {"agree": "✓ agree", "conflict": "✗ conflict", "no_source": "? no source", "not_checkable": "· not checkable"}


def build_store(folder: Path) -> str:
    """A fresh SQLite store of reference_data/ (as `make db` builds it)."""
    from factcheck.store.db import get_engine
    from factcheck.store.importer import import_path

    url = f"sqlite:///{folder / 'bench.db'}"
    import_path(get_engine(url), ROOT / "reference_data")
    return url


def with_apptest(text: str, filters: int) -> dict[str, Any]:
    """Check and filter with AppTest; seconds per step."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600).run()  # loads the extractor, as a server's first page does
    at.text_area(key="article_text").input(text)
    at.text_input(key="article_title").input("Victory Day, 1 MB")
    at.date_input(key="article_date").set_value(date(2023, 5, 9))
    next(b for b in at.button if b.label == "Check").click()
    t0 = time.perf_counter()
    at.run()
    check = time.perf_counter() - t0
    assert not at.exception, at.exception
    while not at.session_state["saved"].result.complete:  # the page polls its job; so does this loop
        time.sleep(0.25)
        at.run()
        assert not at.exception, at.exception
    whole = time.perf_counter() - t0
    said = next((c.value for c in at.caption if "checked in" in c.value), "")
    rows = len(at.data_editor[0].value)
    times = []
    for chosen in (FILTERS * filters)[:filters]:
        at.segmented_control(key="verdict_filter").set_value(chosen)
        t0 = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - t0)
        assert not at.exception, at.exception
    page = next(s for s in at.selectbox if s.label == "Rows")
    page.set_value(1)
    t0 = time.perf_counter()
    at.run()
    paging = time.perf_counter() - t0
    return {"check": check, "whole": whole, "said": said, "rows": rows, "filters": times, "page": paging}


def with_browser(text: str, filters: int) -> dict[str, Any]:
    """Check and filter in headless Chromium against `streamlit run app.py`; seconds until the page shows each."""
    from playwright.sync_api import sync_playwright

    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.address", "127.0.0.1",
         "--server.port", str(port), "--server.headless", "true", "--server.fileWatcherType", "none",
         "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=dict(os.environ), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        url = f"http://127.0.0.1:{port}"
        _wait_healthy(url)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page(viewport={"width": 1280, "height": 1200})
            page.goto(url)
            page.get_by_role("textbox", name="Article text").wait_for(timeout=120_000)
            article = Path(os.environ["FACTCHECK_BENCH_DIR"]) / "article.txt"
            article.write_text(text, encoding="utf-8")
            page.get_by_role("tab", name="Upload a file").click()  # typing 1 MB would time the keyboard
            page.locator("input[type=file]").wait_for(state="attached")
            page.wait_for_timeout(1000)  # the tab's own rerun is over before the file arrives
            page.locator("input[type=file]").set_input_files(str(article))
            page.get_by_role("tab", name="Paste text", selected=True).wait_for(timeout=120_000)
            check = _browser_check(page)
            pressed = time.perf_counter() - check
            # the exports are offered once the whole check is on the page
            page.get_by_role("button", name="Checklist (.md)").wait_for(timeout=600_000)
            whole = time.perf_counter() - pressed
            page.get_by_text("version 2").first.wait_for(timeout=600_000)  # stored: the page's last redraw is done
            times, shown = [], {"agree", "conflict", "no_source"}
            said = page.get_by_text("checked in").first.inner_text()
            page.wait_for_timeout(2000)  # the browser has drawn the check before the first change
            for v in (["agree", "no_source", "agree", "not_checkable", "conflict", "no_source"] * filters)[:filters]:
                shown ^= {v}
                times.append(_browser_toggle(page, v, shown))
            browser.close()
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    return {"check": check, "whole": whole, "said": said, "rows": 0, "filters": times, "page": float("nan")}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_healthy(url: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.read() == b"ok":
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"streamlit did not answer on {url}")


def _browser_check(page: Any) -> float:
    """Set title and date, press Check; seconds until the first verdict mark is drawn."""
    page.get_by_role("textbox", name="Title").fill("Victory Day, 1 MB")
    page.get_by_role("spinbutton", name="year, Article date").click()
    page.keyboard.type("20230509")
    page.keyboard.press("Tab")
    page.wait_for_timeout(1000)
    t0 = time.perf_counter()
    page.get_by_role("button", name="Check", exact=True).click()
    page.locator(".fc-main mark.fc").first.wait_for(timeout=600_000)
    return time.perf_counter() - t0


RUN_OVER = """() => { const app = document.querySelector('[data-testid=stApp]'); let running = false;
  window.__runOver = new Promise(done => { const watch = new MutationObserver(() => {
    const state = app.getAttribute('data-test-script-state');
    if (state === 'running') running = true; else if (running) { watch.disconnect(); done(true); } });
    watch.observe(app, {attributes: true}); setTimeout(() => done(false), 120000); }); }"""


VERDICT_CELLS = """labels => { const grid = document.querySelector('[data-testid=stDataFrame]');  // the figures table
  if (!grid) return false;  // between two drawings of the page
  const cells = [...grid.querySelectorAll('table[role=grid] td[aria-colindex="2"]')].map(td => td.textContent);
  return cells.length > 0 && cells.every(c => labels.includes(c)); }"""


def _browser_toggle(page: Any, verdict: str, shown: set[str]) -> float:
    """Toggle one verdict in the filter; seconds until the run is over and the grid's verdicts are all of the new filter."""
    page.evaluate(RUN_OVER)  # the app marks its root "running" then "notRunning" (Streamlit's own e2e tests wait so)
    t0 = time.perf_counter()
    page.get_by_role("button", name=FILTER_LABELS[verdict]).first.click()
    if not page.evaluate("() => window.__runOver"):
        page.screenshot(path=str(Path(os.environ["FACTCHECK_BENCH_DIR"]).parent / "app_speed_stuck.png"))
        raise SystemExit(f"the rerun after toggling {verdict!r} did not end within 120 s")
    labels = [FILTER_LABELS[v] for v in shown]
    page.wait_for_function(VERDICT_CELLS, arg=labels, timeout=60_000)  # the grid drawn anew, not the old one
    return time.perf_counter() - t0


def core_check(text: str) -> float:
    """Seconds of the check alone (factcheck.check.check_article on the same store), for the app's share."""
    from factcheck.check import check_article
    from factcheck.store.db import db_url, open_store

    engine = open_store(db_url())
    check_article("Some 8,000 troops marched in 2023.", engine=engine)  # warm, as the app's server is
    t0 = time.perf_counter()
    check_article(text, date(2023, 5, 9), engine=engine)
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", type=int, default=1_000_000, help="characters of article (default 1,000,000)")
    ap.add_argument("--filters", type=int, default=5, help="filter changes to time (default 5)")
    ap.add_argument("--browser", action="store_true", help="through a real server and headless Chromium")
    args = ap.parse_args()
    warnings.filterwarnings("ignore")
    text = repeat_to((ROOT / "samples" / "victory_day_2023.txt").read_text(encoding="utf-8"), args.size)
    os.environ["FACTCHECK_MAX_ARTICLE_NUMBERS"] = "100000"
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["FACTCHECK_DB"] = build_store(Path(tmp))
        os.environ["FACTCHECK_BENCH_DIR"] = tmp
        os.chdir(ROOT)
        got = with_browser(text, args.filters) if args.browser else with_apptest(text, args.filters)
        core = core_check(text)
    how = "headless Chromium, real server" if args.browser else "Streamlit AppTest, in process (every run is the whole page)"
    print(f"article: {len(text):,} characters (the sample repeated); store: reference_data/; {how}")
    said = got["said"].rsplit("· ", 1)[-1] if "checked in" in got["said"] else ""
    print(f"Check → first verdicts shown: {got['check']:.2f} s" + (f" (the page's caption: {said})" if said else ""))
    print(f"Check → the whole check shown: {got['whole']:.2f} s (its later parts in {WORKERS} worker processes, then saved)")
    print(f"the whole check in one process (check_article, same store, warm): {core:.2f} s")
    if got["rows"]:
        print(f"table rows sent: {got['rows']}")
    f = got["filters"]
    print(f"filter change: median {statistics.median(f):.3f} s, max {max(f):.3f} s over {len(f)} changes"
          f" ({', '.join(f'{x:.2f}' for x in f)})")
    if got["page"] == got["page"]:
        print(f"next page of the table: {got['page']:.3f} s")


if __name__ == "__main__":
    main()
