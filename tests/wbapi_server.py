"""A real HTTP server on 127.0.0.1 that replays the World Bank API v2's documented answers.

Shared by the reader's tests (test_opendata.py) and the ``factcheck import worldbank`` tests
(test_store_cli.py). Every value is invented. Paths served:

* ``/v2/country/all/indicator/SP.POP.TOTL``: two pages of two rows (one value missing);
* ``/v2/country/all/indicator/NY.GDP.MKTP.CD`` and ``FP.CPI.TOTL.ZG``: one page each;
* ``/v2/country/all/indicator/GARBAGE``: a value that is not a number;
* ``/v2/country/all/indicator/SLOW``: answers after a second (timeouts);
* ``/v2/country``: the country list, WLD in region "Aggregates";
* anything else: the API's error answer (``[{"message": [...]}]``).
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit


def api_row(code: str, name: str, year: int, value: object, indicator: tuple[str, str] = ("SP.POP.TOTL", "Population, total")) -> dict[str, Any]:
    """One row shaped like the API's documented answer."""
    return {"indicator": {"id": indicator[0], "value": indicator[1]},
            "country": {"id": code[:2], "value": name}, "countryiso3code": code, "date": str(year),
            "value": value, "unit": "", "obs_status": "", "decimal": 0}


GDP = ("NY.GDP.MKTP.CD", "GDP (current US$)")
CPI = ("FP.CPI.TOTL.ZG", "Inflation, consumer prices (annual %)")
PAGES: dict[str, dict[int, list[dict[str, Any]]]] = {
    "SP.POP.TOTL": {
        1: [api_row("WLD", "World", 2021, 5100), api_row("NLD", "Northland", 2021, 1010)],
        2: [api_row("NLD", "Northland", 2020, 1000), api_row("ISL", "Islands, The", 2020, None)],
    },
    "NY.GDP.MKTP.CD": {1: [api_row("NLD", "Northland", 2021, 9.5e11, GDP), api_row("WLD", "World", 2021, 9.6e13, GDP)]},
    "FP.CPI.TOTL.ZG": {1: [api_row("NLD", "Northland", 2021, 2.7, CPI), api_row("NLD", "Northland", 2022, 11.6, CPI)]},
}
COUNTRIES = [{"id": "WLD", "iso2Code": "1W", "name": "World", "region": {"id": "NA", "value": "Aggregates"}},
             {"id": "NLD", "iso2Code": "NL", "name": "Northland", "region": {"id": "ECS", "value": "Europe & Central Asia"}}]
INDICATOR_PATH = "/v2/country/all/indicator/"


def meta(page: int, pages: int, total: int) -> dict[str, Any]:
    """The first element of every answer: paging and the date the data were last updated."""
    return {"page": page, "pages": pages, "per_page": 2, "total": total, "sourceid": "2", "lastupdated": "2024-06-28"}


class WorldBankApi(BaseHTTPRequestHandler):
    """Replays the World Bank API's answers for the paths in the module docstring."""

    def log_message(self, *args: object) -> None:  # keep pytest's output quiet
        pass

    def handle(self) -> None:
        """Serve, quietly dropping a client that went away (the timeout test hangs up)."""
        try:
            super().handle()
        except (BrokenPipeError, ConnectionResetError):
            pass

    def do_GET(self) -> None:  # noqa: N802
        url = urlsplit(self.path)
        page = int(parse_qs(url.query).get("page", ["1"])[0])
        self.server.requests.append(self.path)  # type: ignore[attr-defined]
        code = url.path[len(INDICATOR_PATH):] if url.path.startswith(INDICATOR_PATH) else None
        body: Any
        if code in PAGES:
            pages = PAGES[code]
            body = [meta(page, len(pages), sum(len(rows) for rows in pages.values())), pages[page]]
        elif code == "GARBAGE":
            body = [meta(1, 1, 1), [api_row("NLD", "Northland", 2020, "lots")]]
        elif code == "SLOW":
            time.sleep(1.0)
            body = [meta(1, 1, 0), []]
        elif url.path == "/v2/country":
            body = [meta(1, 1, 2), COUNTRIES]
        else:
            body = [{"message": [{"id": "120", "key": "Invalid value", "value": "The provided parameter value is not valid"}]}]
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


@contextmanager
def serve_worldbank_api() -> Iterator[tuple[str, list[str]]]:
    """Run the server in a thread: yields (base URL ending /v2, paths requested so far)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), WorldBankApi)
    server.requests = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/v2", server.requests  # type: ignore[attr-defined]
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
