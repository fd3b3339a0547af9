"""The World Bank API v2 (JSON), paginated, over httpx.

``GET {base}/country/{country}/indicator/{code}?format=json&per_page=N&page=P`` answers
``[{page, pages, per_page, total, sourceid, lastupdated}, [row, ...]]`` where a row is
``{indicator: {id, value}, country: {id, value}, countryiso3code, date, value, unit,
obs_status, decimal}``; a bad request answers ``[{"message": [{id, key, value}]}]``.
Aggregates are marked from ``{base}/country?format=json``: ``region.value == "Aggregates"``.

The first page (and the country list) is fetched when ``read_worldbank_api`` is called, so
a bad code or an unreachable server fails at once; later pages are fetched as the rows are read.
"""

from __future__ import annotations

import json
from datetime import date as Date
from typing import Any, Iterator

import httpx

from factcheck.errors import ImportDataError
from factcheck.store.opendata.common import (
    DuplicateGuard, MetricDict, ObservationDict, OpenData, SourceDict, bad_value, metric_key, partial_date,
    retrieved_on, source_id, unit_for,
)

DEFAULT_BASE_URL = "https://api.worldbank.org/v2"
DEFAULT_TIMEOUT = 30.0  # seconds, for connecting and for each read
PER_PAGE = 20000  # the API's rows per page (its maximum is larger; 20,000 keeps a page a few MB)
MAX_ROWS = 2_000_000  # rows one call may return; more is refused before it is fetched
MAX_RESPONSE_BYTES = 64 * 1024 * 1024  # one page's body
PUBLISHER = "World Bank"
FIX_API = "check the indicator code (e.g. SP.POP.TOTL) and the base URL"


def _get(client: httpx.Client, url: str, params: dict[str, Any]) -> Any:
    """One JSON answer, read up to MAX_RESPONSE_BYTES; API and transport errors become ImportDataError."""
    try:
        with client.stream("GET", url, params=params) as response:
            if response.status_code != 200:
                raise ImportDataError(url, None, None, f"the World Bank API answered HTTP {response.status_code}",
                                      FIX_API)
            body = bytearray()
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > MAX_RESPONSE_BYTES:
                    raise ImportDataError(url, None, None, f"the answer is over {MAX_RESPONSE_BYTES:,} bytes",
                                          "ask for fewer rows per page")
    except httpx.HTTPError as e:
        raise ImportDataError(url, None, None, f"the World Bank API could not be read: {type(e).__name__}: {e}",
                              "check the network and the base URL, then try again") from None
    try:
        answer = json.loads(body)
    except ValueError:
        raise ImportDataError(url, None, None, "the answer is not JSON", FIX_API) from None
    if isinstance(answer, list) and answer and isinstance(answer[0], dict) and "message" in answer[0]:
        msgs = answer[0]["message"] if isinstance(answer[0]["message"], list) else []
        text = "; ".join(f"{m.get('key', '')}: {m.get('value', '')}" for m in msgs if isinstance(m, dict))
        raise ImportDataError(url, None, None, f"the World Bank API refused the request ({text or 'no message'})",
                              FIX_API)
    if not (isinstance(answer, list) and len(answer) == 2 and isinstance(answer[0], dict)
            and isinstance(answer[1], (list, type(None)))):
        raise ImportDataError(url, None, None, "the answer is not [metadata, rows]", FIX_API)
    return answer


def _pages(client: httpx.Client, url: str, params: dict[str, Any], first: Any) -> Iterator[list[Any]]:
    """The rows of every page, the first one already fetched."""
    pages = _int(first[0].get("pages"), url)
    yield first[1] or []
    for page in range(2, pages + 1):
        yield _get(client, url, {**params, "page": page})[1] or []


def _int(value: Any, url: str) -> int:
    """A count from the metadata (the API writes some as strings)."""
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ImportDataError(url, None, None, f"the page metadata has {value!r} where a count belongs",
                              FIX_API) from None


def aggregate_codes(client: httpx.Client, base_url: str = DEFAULT_BASE_URL) -> frozenset[str]:
    """The codes the API lists with region 'Aggregates' (WLD, EUU, HIC ...)."""
    url = f"{base_url.rstrip('/')}/country"
    params = {"format": "json", "per_page": 1000}
    found: set[str] = set()
    for rows in _pages(client, url, params, _get(client, url, params)):
        for c in rows:
            if isinstance(c, dict) and (c.get("region") or {}).get("value") == "Aggregates":
                found.add(str(c.get("id", "")))
    return frozenset(found - {""})


def read_worldbank_api(
    indicator: str,
    *,
    country: str = "all",
    base_url: str = DEFAULT_BASE_URL,
    client: httpx.Client | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    per_page: int = PER_PAGE,
    max_rows: int = MAX_ROWS,
    aggregates: frozenset[str] | set[str] | None = None,
    retrieved: Date | str | None = None,
) -> OpenData:
    """Read one indicator from the World Bank API: one metric, one source, streamed observations.

    ``aggregates`` (codes) skips the country-list request; by default it is fetched.
    A ``client`` passed in is used as it is and not closed.
    """
    base = base_url.rstrip("/")
    url = f"{base}/country/{country}/indicator/{indicator}"
    params: dict[str, Any] = {"format": "json", "per_page": per_page}
    own = client is None
    http = client if client is not None else httpx.Client(timeout=timeout, follow_redirects=False)
    try:
        first = _get(http, url, {**params, "page": 1})
        total = _int(first[0].get("total", 0), url)
        if total > max_rows:
            raise ImportDataError(url, None, None, f"the indicator has {total:,} rows, over the cap of {max_rows:,}",
                                  "ask for one country or raise max_rows")
        marks = frozenset(aggregates) if aggregates is not None else aggregate_codes(http, base)
    except BaseException:
        if own:
            http.close()
        raise
    rows = first[1] or []
    name = next((str((r.get("indicator") or {}).get("value", "")) for r in rows if isinstance(r, dict)), "")
    key, sid = metric_key(indicator), source_id(PUBLISHER, "api", indicator)
    data = OpenData(
        sources={sid: SourceDict(id=sid, title=f"{name} ({indicator})" if name else indicator, publisher=PUBLISHER,
                                 url=f"{url}?format=json", published=partial_date(first[0].get("lastupdated")),
                                 indicator=indicator, retrieved=retrieved_on(retrieved), kind="official")},
        metrics={key: MetricDict(key=key, label=name or indicator, unit=unit_for(indicator, name), keywords="",
                                 entity="", description=f"World Bank indicator {indicator}", indicator=indicator)},
        observations=iter(()),
    )

    def stream() -> Iterator[ObservationDict]:
        guard, count = DuplicateGuard(), 0
        try:
            for page_rows in _pages(http, url, params, first):
                for r in page_rows:
                    count += 1
                    if count > max_rows:
                        raise ImportDataError(url, None, None, f"more than {max_rows:,} rows", "raise max_rows")
                    obs = _observation(r, url, key, sid, marks)
                    if obs is None or not guard.is_new((key, obs["entity_code"] or obs["entity"], obs["year"]),
                                                       obs["value"], url, None):
                        continue
                    if obs["aggregate"]:
                        data.aggregate_codes.add(obs["entity_code"])
                    yield obs
        finally:
            if own:
                http.close()

    data.observations = stream()
    return data


def _observation(r: Any, url: str, key: str, sid: str, marks: frozenset[str]) -> ObservationDict | None:
    """One API row as an observation; None for a missing value."""
    if not isinstance(r, dict):
        raise ImportDataError(url, None, None, f"a row is {type(r).__name__}, not an object", FIX_API)
    value = r.get("value")
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise bad_value(url, None, "value", repr(value))
    try:
        v = float(value)
    except ValueError:
        raise bad_value(url, None, "value", str(value)) from None
    if v - v != 0:
        raise bad_value(url, None, "value", str(value))
    date = str(r.get("date", ""))
    if not (len(date) == 4 and date.isdigit()):
        raise ImportDataError(url, None, "date", f"{date!r} is not a year: only annual data is read",
                              "ask for an annual indicator")
    country: dict[str, Any] = r["country"] if isinstance(r.get("country"), dict) else {}
    code = str(r.get("countryiso3code") or country.get("id") or "")
    return {"metric": key, "entity": str(country.get("value", "")), "entity_code": code, "year": int(date),
            "value": v, "source_id": sid, "aggregate": code in marks}
