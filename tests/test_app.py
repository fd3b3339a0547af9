"""The Streamlit app driven with AppTest on a real SQLite store: check, review, export, reopen."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from factcheck.store.reviews import list_checks, load_check
from factcheck.store.db import count_rows, get_engine

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
TINY = ROOT / "tests" / "cases" / "tiny_reference"
SAMPLE = (ROOT / "samples" / "victory_day_2023.txt").read_text(encoding="utf-8")
SAMPLE_DATE = date(2023, 5, 9)
HOSTILE = (
    "Officials said <script>document.title='pwned'</script> that 8,000 troops marched.\n\n"
    'A caption read <img src=x onerror="alert(1)"> and 51 vehicles rolled past.'
)


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A fresh store built from the tiny reference data (or reference_data/), as FACTCHECK_DB."""
    from conftest import REFERENCE_DATA, build_store

    source = TINY if TINY.is_dir() and any(TINY.glob("*.csv")) else REFERENCE_DATA
    url = build_store(source, tmp_path / "app.db")
    monkeypatch.setenv("FACTCHECK_DB", url)
    monkeypatch.chdir(ROOT)
    return url


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, str]]:
    """What the download buttons would hand the browser, by file name.

    The app writes each file only when its button is pressed (a deferred download); the
    runs' media managers are recorded and each button's latest writer is called here, as
    the server would on a click.
    """
    managers: list[MediaFileManager] = []

    class Recording(MediaFileManager):
        def __init__(self, storage: Any) -> None:
            super().__init__(storage)
            managers.append(self)

    monkeypatch.setattr("streamlit.testing.v1.app_test.MediaFileManager", Recording)
    files: dict[str, str] = {}

    def collect() -> dict[str, str]:
        for m in managers:  # in run order: a later run's writer replaces an earlier one's
            for entry in list(m._deferred_callables.values()):
                data = entry["callable"]()
                files[str(entry["filename"])] = data.decode("utf-8") if isinstance(data, bytes) else str(data)
        return files

    yield _Lazy(collect)  # type: ignore[misc]


class _Lazy(dict):  # type: ignore[type-arg]
    """A dict that refreshes itself from a function whenever it is read."""

    def __init__(self, fill: Any) -> None:
        super().__init__()
        self._fill = fill

    def __getitem__(self, key: str) -> str:
        self.update(self._fill())
        return str(super().__getitem__(key))

    def keys(self) -> Any:
        self.update(self._fill())
        return super().keys()

    def items(self) -> Any:
        self.update(self._fill())
        return super().items()


def _button(at: AppTest, label: str) -> Any:
    """The button with this label (labels are what a checker sees)."""
    found = [b for b in at.button if b.label == label]
    assert found, f"no button {label!r}; buttons: {[b.label for b in at.button]}"
    return found[0]


def _html(at: AppTest) -> str:
    return "\n".join(h.value for h in at.html)


class _Tags(HTMLParser):
    """The tags in a piece of HTML and its visible text."""

    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        self.names.add(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _check(at: AppTest, text: str = SAMPLE, title: str = "Victory Day 2023") -> AppTest:
    """Paste an article, set its title and date, press Check."""
    at.run()
    assert not at.exception
    at.text_area(key="article_text").input(text)
    at.text_input(key="article_title").input(title)
    at.date_input(key="article_date").set_value(SAMPLE_DATE)
    _button(at, "Check").click()
    at.run()
    assert not at.exception, at.exception
    return at


def _edit(at: AppTest, row: int, **changes: Any) -> AppTest:
    """Edit one row of the figures table the way the browser's data editor reports it."""
    editor = at.data_editor[0]
    at.session_state[editor.key] = {"edited_rows": {row: changes}, "added_rows": [], "deleted_rows": []}
    at.run()
    assert not at.exception, at.exception
    return at


def _labelled(widgets: Any, label: str) -> Any:
    """The widget with this label among ``widgets`` (at.text_area, at.selectbox, ...)."""
    found = [w for w in widgets if w.label == label]
    assert found, f"no widget {label!r}; there are {[w.label for w in widgets]}"
    return found[0]


def _detail(at: AppTest, n: int) -> AppTest:
    """Choose figure #n in the detail pane under the table."""
    next(s for s in at.selectbox if str(s.key).startswith("detail-")).set_value(n).run()
    assert not at.exception, at.exception
    return at


def _review(at: AppTest, n: int, **fields: Any) -> AppTest:
    """Fill figure #n's review form (override, done, explanation, note, source) and press Save review."""
    _detail(at, n)
    labels = {"explanation": "Public explanation (appears in ClaimReview)", "note": "Notes (private)"}
    for name, value in fields.items():
        if name in labels:
            _labelled(at.text_area, labels[name]).input(value)
        elif name == "source":
            _labelled(at.text_input, "Attach source").input(value)
        elif name == "override":
            _labelled(at.selectbox, "Override").set_value(value)
        elif name == "done":
            _labelled(at.checkbox, "Done").set_value(value)
    _button(at, "Save review").click()
    at.run()
    assert not at.exception, at.exception
    return at


def _number(at: AppTest, surface: str) -> int:
    """The table's # of the figure written ``surface``."""
    table = at.data_editor[0].value
    return int(table.loc[table["figure"] == surface, "#"].iloc[0])


def _toasts(at: AppTest) -> list[str]:
    return [t.value for t in at.toast]


def _app() -> AppTest:
    return AppTest.from_file(APP, default_timeout=120)


def _paste_and_check(text: str) -> AppTest:
    """Open the app, paste ``text`` with no title or date, press Check; the page must not crash."""
    at = _app().run()
    at.text_area(key="article_text").input(text)
    _button(at, "Check").click()
    at.run()
    assert not at.exception, at.exception
    return at


def test_check_highlights_counts_and_saves(store: str) -> None:
    at = _check(_app())
    page = _html(at)
    assert page.count('<mark class="fc fc-') >= 3
    assert "agree" in page and "coverage" in page
    (saved,) = list_checks(get_engine(store))
    assert saved.title == "Victory Day 2023" and saved.article_date == "2023-05-09"
    assert at.query_params["check"] == [str(saved.id)] or at.query_params["check"] == str(saved.id)
    table = at.data_editor[0].value
    assert list(table.columns[:3]) == ["#", "verdict", "figure"]
    assert "Some 8,000" in set(table["figure"])
    assert at.title[0].value == "Victory Day 2023"
    assert "reference figures" in at.sidebar.caption[0].value


def test_empty_article_is_refused_with_a_message(store: str) -> None:
    at = _app().run()
    _button(at, "Check").click()
    at.run()
    assert not at.exception
    assert "Paste an article" in at.error[0].value
    assert list_checks(get_engine(store)) == []


def test_filter_by_verdict(store: str) -> None:
    at = _check(_app())
    all_rows = at.data_editor[0].value
    at.segmented_control(key="verdict_filter").set_value(["no_source"]).run()
    assert not at.exception
    only = at.data_editor[0].value
    assert 0 < len(only) < len(all_rows)
    assert set(only["verdict"]) == {"? no source"}


def test_override_note_and_done_are_saved_and_shown(store: str) -> None:
    at = _check(_app())
    table = at.data_editor[0].value
    row = int(table.index[table["figure"] == "Some 8,000"][0])
    before = table.loc[row, "verdict"]
    new = "conflict" if "agree" in before else "agree"
    _edit(at, row, override=new, done=True)
    _review(at, _number(at, "Some 8,000"), note="desk confirmed with the ministry")
    saved = list_checks(get_engine(store))[0]
    check = load_check(get_engine(store), saved.id)
    key = str(table.loc[row, "key"])
    assert check.reviews[key].verdict_override == new
    assert check.reviews[key].note == "desk confirmed with the ministry"
    assert check.reviews[key].done is True
    assert check.version == 3
    shown = at.data_editor[0].value
    assert shown.loc[row, "override"] == new and bool(shown.loc[row, "done"]) is True
    assert _labelled(at.text_area, "Notes (private)").value == "desk confirmed with the ministry"
    assert "fc-override" in _html(at)
    assert "1 of" in at.get("progress")[0].proto.text


def test_second_tab_cannot_overwrite_the_first(store: str) -> None:
    first = _check(_app())
    check_id = list_checks(get_engine(store))[0].id
    second = _app()
    second.query_params["check"] = str(check_id)
    second.run()
    assert not second.exception
    _edit(first, 0, done=True)
    second.run()  # any rerun of the stale tab says that the check moved on
    assert "changed in another tab" in second.warning[0].value
    _edit(second, 0, override="conflict")
    assert "changed elsewhere" in second.error[0].value
    key = str(first.data_editor[0].value.loc[0, "key"])
    review = load_check(get_engine(store), check_id).reviews[key]
    assert review.done is True and review.verdict_override == ""
    assert bool(second.data_editor[0].value.loc[0, "done"]) is True  # it now shows the latest


def _open_reference_form(at: AppTest) -> AppTest:
    """Open "Add a reference figure to the store" (drawn only when open)."""
    at.session_state["add_reference"] = True
    at.run()
    assert not at.exception, at.exception
    return at


def _fill_reference(at: AppTest, **values: Any) -> None:
    _open_reference_form(at)
    for key, value in values.items():
        at.session_state[key] = value


def test_add_reference_stores_it_and_rechecks(store: str) -> None:
    at = _check(_app())
    engine = get_engine(store)
    before = count_rows(engine)["observations"]
    check_id = list_checks(engine)[0].id
    version = load_check(engine, check_id).version
    _fill_reference(
        at, ref_metric="__new__", ref_new_metric="towns_without_parade: Towns without a parade", ref_value=24.0,
        ref_year=2023, ref_source_title="Desk tally of cancelled parades", ref_publisher="Our newsroom",
        ref_url="https://example.org/desk-tally", ref_published="2023-05-09", ref_snippet="24 cities",
    )
    at.run()
    [b for b in at.button if b.label == "Add reference and re-check"][0].click()
    at.run()
    assert not at.exception, at.exception
    assert count_rows(engine)["observations"] == before + 1
    assert load_check(engine, check_id).version == version + 1
    assert "was re-checked" in at.success[0].value


def test_bad_reference_shows_the_error_and_changes_nothing(store: str) -> None:
    at = _check(_app())
    engine = get_engine(store)
    before = count_rows(engine)
    metric = _open_reference_form(at).selectbox(key="ref_metric").options[0]
    _fill_reference(at, ref_metric=metric, ref_value=5.0, ref_source_title="A tally", ref_publisher="Desk",
                    ref_url="https://example.org/x")  # no year: the importer refuses it
    at.run()
    [b for b in at.button if b.label == "Add reference and re-check"][0].click()
    at.run()
    assert not at.exception
    assert at.error[0].value.startswith("The reference was not added: reference form")
    assert "a row needs a year or a date" in at.error[0].value
    assert count_rows(engine) == before


def test_exports_carry_the_reviews(store: str, downloads: dict[str, str]) -> None:
    at = _check(_app())
    table = at.data_editor[0].value
    row = int(table.index[table["figure"] == "Some 8,000"][0])
    n = _number(at, "Some 8,000")
    _edit(at, row, override="conflict", done=True)
    _review(at, n, note="count disputed by our reporter")
    assert "Overridden without a public explanation: #" in " ".join(c.value for c in at.caption)
    _review(at, n, explanation="The ministry's own count was 10,000.")
    labels = [b.label for b in at.download_button]
    assert labels == ["Checklist (.md)", "Table (.csv)", "Data (.json)", "ClaimReview (JSON-LD)"]
    md = downloads["victory-day-2023.md"]
    assert md.startswith("# Fact-check: Victory Day 2023")
    assert "- [x] ✗ **conflict** (checker override; computed:" in md
    assert "Why: The ministry's own count was 10,000." in md
    csv_text = downloads["victory-day-2023.csv"]
    assert csv_text.startswith("\ufeff") and "Some 8,000" in csv_text  # the BOM a spreadsheet needs
    doc = json.loads(downloads["victory-day-2023.json"])
    assert any(f.get("review", {}).get("explanation") == "The ministry's own count was 10,000." for f in doc["figures"])
    (claim,) = json.loads(downloads["victory-day-2023.claimreview.jsonld"])
    assert claim["reviewRating"]["alternateName"] == "Inaccurate"
    assert claim["reviewBody"] == "The ministry's own count was 10,000."
    assert "count disputed by our reporter" in _html(at)  # saved and shown in the app ...
    for name, text in downloads.items():  # ... but the private note never leaves it
        assert "count disputed by our reporter" not in text, name


def test_reopen_a_saved_check_from_the_checks_page(store: str) -> None:
    at = _check(_app())
    _edit(at, 0, done=True)
    fresh = _app()  # a new browser session: nothing in session state, nothing in the URL
    fresh.run()
    fresh.switch_page("app_pages/checks.py").run()
    assert not fresh.exception
    assert fresh.dataframe[0].value["title"].tolist() == ["Victory Day 2023"]
    _button(fresh, "Open").click()
    fresh.run()
    assert not fresh.exception, fresh.exception
    assert fresh.title[0].value == "Victory Day 2023"
    assert bool(fresh.data_editor[0].value.loc[0, "done"]) is True


def test_reload_keeps_the_check_via_the_url(store: str) -> None:
    at = _check(_app())
    check_id = list_checks(get_engine(store))[0].id
    reloaded = _app()
    reloaded.query_params["check"] = str(check_id)
    reloaded.run()
    assert not reloaded.exception
    assert reloaded.title[0].value == "Victory Day 2023"
    assert _html(reloaded).count("<mark") == _html(at).count("<mark")


def test_article_markup_renders_as_text(store: str) -> None:
    at = _check(_app(), text=HOSTILE, title="<b>Hostile</b> headline")
    page = _html(at)
    tags = _Tags()
    tags.feed(page)
    assert tags.names <= {"style", "div", "span", "mark", "sup", "b"}
    assert "<script>document.title='pwned'</script>" in "".join(tags.text)
    assert "onerror=" in "".join(tags.text)
    assert at.title[0].value == "<b>Hostile</b> headline"  # st.title shows text, not markup


def test_figure_details_show_sentence_reason_and_sources(store: str) -> None:
    at = _check(_app())
    check_id = list_checks(get_engine(store))[0].id
    table = at.data_editor[0].value
    n = int(table.loc[table["figure"] == "Some 8,000", "#"].iloc[0])
    at.selectbox(key=f"detail-{check_id}").set_value(n).run()
    assert not at.exception
    details = _html(at)
    assert "Some 8,000" in details and "Claimed: " in details and "Why: " in details
    links = [p for p in at.get("page_link") if "over the years" in p.proto.label]
    assert links and "metric=parade_troops" in links[0].proto.query_string


def test_reference_page_charts_the_metric_with_the_claim(store: str) -> None:
    at = _check(_app())
    at.switch_page("app_pages/reference.py").run()
    assert not at.exception, at.exception
    at.text_input(key="ref_query").input("parade troops").run()
    assert not at.exception
    assert at.selectbox[0].value == "parade_troops"
    assert len(at.dataframe) == 1 and len(at.dataframe[0].value) > 0
    assert at.get("arrow_vega_lite_chart") or at.get("vega_lite_chart")
    assert any("the open article's claim" in cap.value for cap in at.caption)


def test_reference_search_with_no_match_says_so(store: str) -> None:
    at = _app().run()
    at.switch_page("app_pages/reference.py").run()
    at.text_input(key="ref_query").input("zzzz qqqq").run()
    assert not at.exception
    assert "No metric matches" in at.warning[0].value


PAGE = b"""<!doctype html><html><head><meta charset="utf-8"><title>Parade shrinks</title>
<meta property="article:published_time" content="2023-05-09T12:00:00Z">
<script>window.bad = 1</script><style>p{color:red}</style></head>
<body><article><h1>Parade shrinks</h1><p>Some 8,000 troops marched in Moscow, officials said on Tuesday.</p>
<p>In 2022 the parade had included 131 vehicles, an independent count showed.</p></article></body></html>"""


def test_upload_an_html_file_fills_text_title_and_date(store: str) -> None:
    at = _app().run()
    at.file_uploader(key="upload").set_value(("parade.html", PAGE, "text/html")).run()
    assert not at.exception, at.exception
    text = at.text_area(key="article_text").value
    assert "Some 8,000 troops marched" in text and "window.bad" not in text and "color:red" not in text
    assert at.text_input(key="article_title").value == "Parade shrinks"
    assert at.date_input(key="article_date").value == SAMPLE_DATE  # from the page's metadata
    _button(at, "Check").click()
    at.run()
    assert not at.exception
    assert "Some 8,000" in set(at.data_editor[0].value["figure"])


def test_upload_a_text_file(store: str) -> None:
    at = _app().run()
    at.file_uploader(key="upload").set_value(("victory_day.txt", SAMPLE.encode(), "text/plain")).run()
    assert not at.exception
    assert at.text_area(key="article_text").value.strip() == SAMPLE.strip()
    assert at.text_input(key="article_title").value  # named after the file when it has no title


def test_url_box_refuses_paths_and_private_addresses(store: str) -> None:
    at = _app().run()
    at.text_input(key="fetch_url").input("/etc/passwd")
    _button(at, "Fetch").click()
    at.run()
    assert not at.exception
    assert "http:// or https://" in at.error[0].value
    at.text_input(key="fetch_url").input("http://127.0.0.1:9/article")
    _button(at, "Fetch").click()
    at.run()
    assert not at.exception
    assert at.error[0].value.startswith(("Could not fetch the article", "Fetching by URL is not available"))
    assert at.text_area(key="article_text").value == ""


def test_unknown_check_in_the_url_says_so(store: str) -> None:
    at = _app()
    at.query_params["check"] = "999"
    at.run()
    assert not at.exception
    assert "there is no saved check 999" in at.error[0].value
    assert at.text_area(key="article_text").value == ""


def test_article_date_from_a_byline_when_none_is_given(store: str) -> None:
    at = _paste_and_check("Parade shrinks\nBy Ann Writer, 9 May 2023\n\nSome 8,000 troops marched.")
    assert "2023-05-09 taken from the byline" in at.info[0].value
    saved = list_checks(get_engine(store))[0]
    assert saved.article_date == "2023-05-09"


def test_tables_only_link_http_urls() -> None:
    from app_pages.common import safe_url

    assert safe_url(" https://example.org/a ") == "https://example.org/a"
    assert safe_url("JAVASCRIPT:alert(1)") is None
    assert safe_url("data:text/html,<script>") is None
    assert safe_url(None) is None


def test_reference_form_starts_from_a_figure(store: str) -> None:
    at = _check(_app())
    table = at.data_editor[0].value
    n = int(table.loc[table["figure"] == "Some 8,000", "#"].iloc[0])
    _open_reference_form(at).selectbox(key="ref_for").set_value(n).run()
    assert not at.exception
    assert at.number_input(key="ref_value").value == 8000
    assert at.number_input(key="ref_year").value == 2023
    assert at.selectbox(key="ref_metric").value == "parade_troops"


def test_headline_of_pasted_text_becomes_the_title_when_none_is_given(store: str) -> None:
    at = _paste_and_check("Parade shrinks again\n\nSome 8,000 troops marched in 2023.")
    assert at.title[0].value == "Parade shrinks again"
    assert any("No article date" in w.value for w in at.warning)


def test_no_warning_about_the_date_when_it_is_set(store: str) -> None:
    at = _check(_app())
    assert not any("No article date" in w.value for w in at.warning)


# --- hostile input: a clear message, and nothing changes (no check saved, the article box kept) ---

KEPT = "Some 8,000 troops marched in 2023."


@pytest.mark.parametrize(
    "text, message",
    [
        ("   \n\t\n  ", "Paste an article, upload a file or fetch a URL first."),
        ("8 troops marched. " * 2000, "the article has 36,000 characters, over the limit of 30,000"),
    ],
    ids=["whitespace only", "over the size limit"],
)
def test_bad_paste_is_refused_and_nothing_is_saved(
    store: str, monkeypatch: pytest.MonkeyPatch, text: str, message: str
) -> None:
    monkeypatch.setenv("FACTCHECK_MAX_ARTICLE_CHARS", "30000")
    at = _paste_and_check(text)
    assert at.error[0].value.startswith(message), at.error[0].value
    assert list_checks(get_engine(store)) == []
    assert at.text_area(key="article_text").value == text


def test_an_article_of_dates_only_says_there_is_nothing_to_check(store: str) -> None:
    at = _paste_and_check("On 9 May 2023 the 3rd brigade met again, as on 12 June 2022.")
    assert at.info[0].value.startswith("This article has no figure to check")


@pytest.mark.parametrize("url", ["https://exa mple.org/story", "file:///etc/passwd", "javascript:alert(1)", "https://", "tests"])
def test_bogus_url_is_refused_and_the_box_is_kept(store: str, url: str) -> None:
    at = _app().run()
    at.text_area(key="article_text").input(KEPT)
    at.text_input(key="fetch_url").input(url)
    _button(at, "Fetch").click()
    at.run()
    assert not at.exception, at.exception
    assert at.error[0].value == "Type a web address starting with http:// or https://."
    assert at.text_area(key="article_text").value == KEPT


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("photo.txt", bytes(range(256)) * 16, "Could not read photo.txt: photo.txt is not text"),
        ("empty.txt", b"", "empty.txt holds no article text, so the article box was left as it was."),
        ("shell.html", b"<html><head><title>x</title></head><body> </body></html>", "shell.html holds no article text"),
        ("long.txt", b"8 troops. " * 4000, "long.txt was not loaded, and the article box was left as it was: the article has 40,000 characters"),
    ],
    ids=["binary", "empty", "html without text", "over the size limit"],
)
def test_bad_upload_is_refused_and_the_box_is_kept(
    store: str, monkeypatch: pytest.MonkeyPatch, name: str, data: bytes, message: str
) -> None:
    monkeypatch.setenv("FACTCHECK_MAX_ARTICLE_CHARS", "30000")
    at = _app().run()
    at.text_area(key="article_text").input(KEPT).run()
    at.file_uploader(key="upload").set_value((name, data, "text/plain")).run()
    assert not at.exception, at.exception
    assert at.error[0].value.startswith(message), at.error[0].value
    assert at.text_area(key="article_text").value == KEPT


def test_a_latin_1_upload_is_read_not_refused(store: str) -> None:
    at = _app().run()
    at.file_uploader(key="upload").set_value(("caf.txt", "Au café, 8 000 soldats en 2023.".encode("latin-1"), "text/plain")).run()
    assert not at.exception and not at.error
    assert "café" in (at.text_area(key="article_text").value or "")


@pytest.mark.parametrize("raw", ["abc", "1.5", "9" * 30])
def test_a_check_number_that_cannot_be_is_said_so(store: str, raw: str) -> None:
    at = _app()
    at.query_params["check"] = raw
    at.run()
    assert not at.exception, at.exception
    assert at.error[0].value == f"“{raw}” in the address is not a saved check's number; pick a check on the Checks page."
    reference = AppTest.from_file(str(ROOT / "app_pages" / "reference.py"), default_timeout=60)
    reference.query_params["check"] = raw
    reference.run()
    assert not reference.exception, reference.exception


def test_bad_published_date_is_refused_and_nothing_is_added(store: str) -> None:
    at = _check(_app())
    engine = get_engine(store)
    before = count_rows(engine)
    _fill_reference(at, ref_metric=_open_reference_form(at).selectbox(key="ref_metric").options[0], ref_value=5.0, ref_year=2023,
                    ref_source_title="New tally", ref_publisher="Desk", ref_url="https://example.org/new",
                    ref_published="yesterday")  # fmt: skip
    at.run()
    _button(at, "Add reference and re-check").click()
    at.run()
    assert not at.exception
    assert at.error[0].value == "“Published” must be a date written YYYY-MM-DD (e.g. 2023-05-09), or left empty."
    assert count_rows(engine) == before


def test_a_mistyped_store_is_named_and_not_created(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    missing = tmp_path / "factchek.db"
    monkeypatch.setenv("FACTCHECK_DB", f"sqlite:///{missing}")
    monkeypatch.chdir(ROOT)
    at = _app().run()
    assert not at.exception, at.exception
    assert at.error[0].value.startswith(f"The reference store cannot be opened: there is no reference store at {missing}")
    assert "make db" in at.error[0].value
    assert not missing.exists()


def test_a_refused_table_edit_says_why_saves_nothing_and_does_not_loop(store: str) -> None:
    at = _check(_app())
    saved = list_checks(get_engine(store))[0]
    _edit(at, 0, override="maybe")
    assert at.error[0].value.startswith(
        "Not saved: verdict override 'maybe' is not one of agree, conflict, no_source, not_checkable"
    ), at.error[0].value
    after = load_check(get_engine(store), saved.id)
    assert after.version == saved.version and after.reviews == {}
    at.run()  # the refused edit is not applied again on the next run
    assert not at.exception and not at.error


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("source", "javascript:alert(1)", "Not saved: the attached source “javascript:alert(1)” is not a web address; give one starting with http:// or https://."),
        ("source", "www.example.org/report", "Not saved: the attached source “www.example.org/report” is not a web address"),
        ("note", "x" * 10_001, "Not saved: the note has 10,001 characters, over the limit of 10,000; shorten it."),
    ],
    ids=["script link", "no scheme", "note too long"],
)
def test_a_refused_review_says_why_beside_the_form_and_keeps_what_was_typed(
    store: str, field: str, value: str, message: str
) -> None:
    at = _check(_app())
    saved = list_checks(get_engine(store))[0]
    _review(at, 2, **{field: value})
    assert [e.value for e in at.error] and at.error[0].value.startswith(message), [e.value for e in at.error]
    assert not _toasts(at)
    after = load_check(get_engine(store), saved.id)
    assert after.version == saved.version and after.reviews == {}
    typed = _labelled(at.text_input, "Attach source") if field == "source" else _labelled(at.text_area, "Notes (private)")
    assert typed.value == value  # the checker corrects it rather than typing it again
    at.run()
    assert not at.exception and not at.error  # said once, not on every run


def test_a_store_that_cannot_be_written_says_so_and_keeps_the_article(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from conftest import build_store

    db = tmp_path / "shared.db"
    get_engine(build_store(TINY, db)).dispose()
    monkeypatch.setenv("FACTCHECK_DB", f"sqlite:///file:{db}?mode=ro&uri=true")  # as a locked or read-only store fails
    monkeypatch.chdir(ROOT)
    at = _paste_and_check(KEPT)
    assert at.error[0].value.startswith("Nothing was saved: the store could not be written (attempt to write a readonly database)")
    assert at.text_area(key="article_text").value == KEPT


def test_correcting_what_a_figure_states_rechecks_and_survives_a_reload(store: str) -> None:
    """The checker sets the metric, entity and year a figure states; the verdict is recomputed and kept."""
    at = _check(_app())
    engine = get_engine(store)
    check_id = list_checks(engine)[0].id
    saved = load_check(engine, check_id)
    fc = next(f for f in saved.result.figures if f.figure.surface == "Some 8,000")
    assert fc.claim is not None and fc.claim.metric == "parade_troops"
    n = [f.figure.surface for f in saved.result.figures].index("Some 8,000") + 1
    at.selectbox(key=f"detail-{check_id}").set_value(n).run()
    key = f"claim-{check_id}-{fc.figure.key()}"
    at.selectbox(key=f"{key}-metric").set_value(next(k for k in _metric_keys(engine) if "tank" in k)).run()
    at.button(key=f"{key}-save").click().run()
    assert not at.exception, at.exception
    after = load_check(engine, check_id)
    review = after.reviews[fc.figure.key()]
    assert review.claim is not None and "tank" in review.claim.metric and review.claim.corrected
    now = next(f for f in after.result.figures if f.figure.key() == fc.figure.key())
    assert now.claim is not None and now.claim.corrected and "tank" in now.claim.metric
    assert now.verdict != "agree"  # 8,000 tanks: no source or a conflict, never the troops' agreement
    assert after.version > saved.version
    assert any("Saved · version" in s.value for s in at.success)
    # a reload of the check reads it back from the store, correction included
    again = AppTest.from_file(APP, default_timeout=120)
    again.query_params["check"] = str(check_id)
    again.run()
    assert not again.exception
    table = again.data_editor[0].value
    assert "tank" in table.loc[table["figure"] == "Some 8,000", "read as"].iloc[0].lower()


def _metric_keys(engine: Any) -> list[str]:
    from factcheck.store.db import all_metrics

    return [m.key for m in all_metrics(engine)]


# --- the table: short cells, no "None", what each figure was read as --------------------


def test_the_table_has_short_cells_and_no_none(store: str) -> None:
    """At 1,280 px the grid holds seven short columns; the full reason is in the detail pane, never cut off."""
    from html import escape

    from app_pages.figures_table import CUTS, WIDTHS

    at = _check(_app())
    editor = at.data_editor[0]
    assert list(editor.proto.column_order) == ["#", "verdict", "figure", "read as", "why", "override", "done"]
    assert sum(WIDTHS.values()) <= 800  # the grid's width beside the sidebar at 1,280 px, less its borders
    assert editor.proto.HasField("placeholder") and editor.proto.placeholder == ""  # an empty cell is blank, not "None"
    table = editor.value
    for column in ("verdict", "figure", "read as", "why"):
        assert table[column].map(lambda v: isinstance(v, str) and v != "").all(), column
    for column, n in CUTS.items():
        assert table[column].str.len().max() <= n, column
    assert table["why"].str.endswith("…").any()  # some reasons are longer than a cell: they are cut, in words
    row = table.loc[table["figure"] == "Some 8,000"].iloc[0]
    assert row["read as"].startswith("troops in the Moscow Victory")
    n = int(row["#"])
    _detail(at, n)
    check = load_check(get_engine(store), list_checks(get_engine(store))[0].id)
    reason = check.result.figures[n - 1].reason
    assert len(reason) > CUTS["why"] and f"Why: {escape(reason)}" in _html(at)  # the whole reason, beside the cut one


def test_what_a_figure_was_read_as_replaces_counts_and_stays_correctable(store: str) -> None:
    at = _check(_app())
    table = at.data_editor[0].value
    assert "counts" not in {c.lower() for c in table.columns} and "concept" not in table.columns
    check = load_check(get_engine(store), list_checks(get_engine(store))[0].id)
    for n, read_as in zip(table["#"], table["read as"]):
        claim = check.result.figures[int(n) - 1].claim
        expected = claim.read_as() if claim is not None else "—"
        assert read_as == expected or (read_as.endswith("…") and expected.startswith(read_as[:-1])), (n, read_as)
    _detail(at, _number(at, "Some 8,000"))
    assert any(b.label == "Save this reading and re-check" for b in at.button)  # the correction, one choice away


# --- feedback: every edit confirmed, nothing vanishes, refusals in words -----------------


def test_every_edit_confirms_with_the_new_version(store: str) -> None:
    at = _check(_app())
    table = at.data_editor[0].value
    row = int(table.index[table["figure"] == "Some 8,000"][0])
    n = int(table.loc[row, "#"])
    _edit(at, row, done=True)
    assert _toasts(at) == [f"Saved · version 2: #{n} done"]
    _review(at, n, explanation="Two wire services give 8,000.", note="ask the desk")
    assert _toasts(at) == [f"Saved · version 3: #{n} public explanation, private note"]
    assert "version 3" in " ".join(c.value for c in at.caption)
    _review(at, n)  # Save with nothing changed: said, and nothing written
    assert at.info and at.info[0].value == f"Nothing to save: #{n} is as it was."
    assert load_check(get_engine(store), list_checks(get_engine(store))[0].id).version == 3


def test_an_override_to_not_checkable_stays_visible_under_its_filter(store: str) -> None:
    at = _check(_app())
    table = at.data_editor[0].value
    row = int(table.index[table["figure"] == "Some 8,000"][0])
    n, key = int(table.loc[row, "#"]), str(table.loc[row, "key"])
    _edit(at, row, override="not_checkable")
    assert _toasts(at) == [f"Saved · version 2: #{n} override · not checkable"]
    assert at.info[0].value.startswith(f"#{n} is now “not checkable”, which the filter above does not show")
    assert n not in set(at.data_editor[0].value["#"])  # gone from this filter ...
    page = _html(at)  # ... but not from the article: marked grey, with the override's dashed outline
    assert '<mark class="fc fc-not_checkable fc-override" tabindex="0" data-verdict="not_checkable"' in page
    at.segmented_control(key="verdict_filter").set_value(["not_checkable"]).run()
    shown = at.data_editor[0].value
    assert shown.loc[shown["#"] == n, "verdict"].tolist() == ["· not checkable"]
    assert shown.loc[shown["#"] == n, "override"].tolist() == ["not_checkable"]
    assert load_check(get_engine(store), list_checks(get_engine(store))[0].id).reviews[key].verdict_override == "not_checkable"


def _input_tab(at: AppTest) -> str:
    """The article form's tab the browser is told to show."""
    tabs = next(b for b in at.expander[0].children.values() if getattr(b, "type", "") == "tab_container")
    labels = [t.label for t in at.tabs]
    return labels[tabs.proto.tab_container.default_tab_index]


def test_a_private_address_is_refused_in_plain_words_on_its_own_tab(
    store: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("FACTCHECK_FETCH_ALLOW_PRIVATE", raising=False)
    at = _app()
    at.session_state["input_tab"] = "Fetch a URL"  # the checker chose the tab
    at.run()
    at.text_input(key="fetch_url").input("http://127.0.0.1:9/article")
    _button(at, "Fetch").click()
    at.run()
    assert not at.exception, at.exception
    (error,) = at.error
    assert error.value == (
        "Could not fetch the article: 127.0.0.1 is a private or local address (this computer or its own network), "
        "and the app refuses to fetch such addresses for safety. Save the page from your browser and upload the file instead."
    )
    assert at.tabs[2].label == "Fetch a URL" and at.tabs[2].error[0].value == error.value  # said beside the URL box
    assert _input_tab(at) == "Fetch a URL"  # the form stays on the tab the checker was using
    at.run()
    assert _input_tab(at) == "Fetch a URL" and at.error  # and the refusal stays until the next fetch


def test_an_upload_error_keeps_its_tab_and_a_new_upload_clears_it(store: str) -> None:
    at = _app()
    at.session_state["input_tab"] = "Upload a file"
    at.run()
    at.file_uploader(key="upload").set_value(("photo.txt", bytes(range(256)) * 16, "text/plain")).run()
    assert at.tabs[1].error[0].value.startswith("Could not read photo.txt: photo.txt is not text")
    assert _input_tab(at) == "Upload a file"
    at.file_uploader(key="upload").set_value(("parade.html", PAGE, "text/html")).run()
    assert not at.error  # the old file's error is gone with it
    assert "Some 8,000 troops marched" in at.text_area(key="article_text").value
    assert _input_tab(at) == "Paste text"  # where the loaded text can be read and trimmed


@pytest.mark.parametrize(
    "message, kept, dropped",
    [
        ("the article has 14,725 numbers, over the limit of 10,000; split it or raise FACTCHECK_MAX_ARTICLE_NUMBERS",
         "the article has 14,725 numbers, over the limit of 10,000; split it", "FACTCHECK_"),
        ("https://a.org/x is larger than fetch_max_bytes=5,000,000 bytes; stopped reading. Raise {fetch_max_bytes} to accept bigger pages",
         "https://a.org/x is larger than 5,000,000 bytes; stopped reading.", "fetch_max_bytes"),
        ("could not connect to https://a.org within fetch_connect_timeout=10 s; raise {fetch_connect_timeout} or try later",
         "could not connect to https://a.org within 10 s; try later", "connect_timeout"),
        ("https://a.org redirects more than fetch_max_redirects=5 times; raise {fetch_max_redirects} if the chain is legitimate",
         "https://a.org redirects more than 5 times", "FACTCHECK_"),
    ],
    ids=["too many numbers", "page too big", "slow to connect", "too many redirects"],
)
def test_refusals_name_no_setting_a_checker_cannot_change(message: str, kept: str, dropped: str) -> None:
    from app_pages.feedback import in_plain_words
    from factcheck.read.fetch import _env

    real = message.format(**{k: _env(k) for k in ("fetch_max_bytes", "fetch_connect_timeout", "fetch_max_redirects")})
    assert in_plain_words(real) == kept
    assert dropped not in in_plain_words(real)


def test_the_private_address_refusal_names_the_refused_hop() -> None:
    from app_pages.feedback import in_plain_words
    from factcheck.errors import BlockedAddressError
    from factcheck.read.fetch import check_host

    with pytest.raises(BlockedAddressError) as refused:
        check_host("localhost", 80, allow_private=False)
    said = in_plain_words(refused.value, "https://news.example.org/story")  # a public page that redirected home
    assert said.startswith("localhost is a private or local address")
    assert "FACTCHECK" not in said and "allow" not in said and "environment" not in said


# --- coverage honesty ------------------------------------------------------------------

ELSEWHERE = (
    "France's economy grew by 0.9% in 2023 to $3.1 trillion, official figures show. The population "
    "reached 68 million, unemployment stood at 7.3%, and some 1.2 million homes were built in 2022."
)


def test_an_article_outside_the_store_says_what_the_store_covers_and_how_to_add_tables(store: str) -> None:
    import sqlite3

    at = _check(_app(), text=ELSEWHERE, title="France in figures")
    notes = [i.value for i in at.info if "found no source" in i.value]
    assert len(notes) == 1, [i.value for i in at.info]
    db = sqlite3.connect(store.removeprefix("sqlite:///"))
    first, last = db.execute("SELECT min(year), max(year) FROM observation").fetchone()
    n_metrics = db.execute("SELECT count(*) FROM metric").fetchone()[0]
    (label,) = db.execute("SELECT label FROM metric WHERE key = 'parade_troops'").fetchone()
    note = notes[0]
    assert f"The reference store holds {n_metrics} statistics, such as" in note and f"“{label}”" in note
    assert f"for the years {first}–{last}" in note and "they are about" in note
    assert "`factcheck import path/to/package`" in note and "`factcheck import worldbank SP.POP.TOTL" in note
    assert "Add a reference figure to the store" in note


def test_a_well_covered_article_gets_no_coverage_note(store: str) -> None:
    at = _check(_app())
    assert not [i.value for i in at.info if "found no source" in i.value]


# --- big articles: a page of rows, a part of the text, nothing recomputed on a filter change ---


def test_a_long_article_is_paged_shown_in_parts_and_a_filter_change_recomputes_nothing(
    store: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import factcheck.check
    from app_pages.article_view import PART_CHARS
    from app_pages.figures_table import PAGE_SIZE

    long_text = "\n\n".join([SAMPLE] * (2 * PART_CHARS // len(SAMPLE) + 2))
    calls: list[int] = []
    real = factcheck.check.check_article
    monkeypatch.setattr(factcheck.check, "check_article", lambda *a, **k: calls.append(1) or real(*a, **k))
    at = _check(_app(), text=long_text, title="Long")
    checked = len(calls)  # the Check (and, on a fresh server, the extractor's warm-up)
    assert checked >= 1
    check = load_check(get_engine(store), list_checks(get_engine(store))[0].id)
    shown = [fc for fc in check.result.figures if fc.verdict != "not_checkable"]
    assert len(shown) > PAGE_SIZE
    table = at.data_editor[0].value
    assert len(table) == PAGE_SIZE
    rows = next(s for s in at.selectbox if s.label == "Rows")
    assert rows.format_func(0) == f"1–{PAGE_SIZE} of {len(shown):,}"
    rows.set_value(1).run()
    assert int(at.data_editor[0].value["#"].iloc[0]) > int(table["#"].iloc[-1])  # the next hundred
    part = next(s for s in at.selectbox if str(s.key).startswith("part-"))
    assert len(part.options) >= 3
    marks = _html(at).count('<mark class="fc ')
    assert 0 < marks < len(shown)  # the first part only, not the whole article
    at.segmented_control(key="verdict_filter").set_value(["conflict"]).run()
    assert not at.exception
    assert set(at.data_editor[0].value["verdict"]) == {"✗ conflict"}
    assert len(calls) == checked  # the filter change re-checked nothing ...
    for button in at.download_button:  # ... and wrote no download: each file is made when its button is pressed
        assert button.proto.deferred_file_id and not button.proto.url


def test_the_reference_page_says_qualifier_and_claimant_in_words(store: str) -> None:
    """Issue 13 saw "more_tha" and "US govern" cut off: the qualifier is in the value's words, the claimant in the status."""
    at = _app().run()
    at.switch_page("app_pages/reference.py").run()
    at.text_input(key="ref_query").input("Wagner killed").run()
    assert not at.exception, at.exception
    assert at.selectbox[0].value == "wagner_killed_bakhmut"
    sources = at.dataframe[0]
    assert sources.proto.HasField("placeholder") and sources.proto.placeholder == ""
    table = sources.value
    assert list(table.columns) == ["when", "value", "status", "entity", "source", "published", "link", "what it says"]
    (row,) = table.to_dict("records")
    assert row["value"].startswith("more than ") and "_" not in row["value"]
    assert row["status"] == "claimed, by Yevgeny Prigozhin (Wagner Group)"


def test_the_form_under_an_open_check_is_drawn_only_when_opened(store: str) -> None:
    """Every drawn widget sends its value back on each rerun: a 1 MB paste box must not ride along with a filter change."""
    at = _check(_app())
    assert not [t for t in at.text_area if t.label == "Article text"]  # folded: not drawn at all
    at.session_state["another_article"] = True  # the checker opens "Check another article"
    at.run()
    assert [t for t in at.text_area if t.label == "Article text"]
    assert at.text_area(key="article_text").value == ""  # another article starts from an empty box
    at.text_area(key="article_text").input("Parade shrinks again\n\n" + KEPT)
    _button(at, "Check").click()
    at.run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Parade shrinks again" and len(list_checks(get_engine(store))) == 2
    assert not [t for t in at.text_area if t.label == "Article text"]  # folded away again with the new check
