"""The dependency-parse layer (factcheck/extract/parse.py, parsed.py): loaded once, thread-safe,
and when it cannot be had (no spaCy or model, too many figure sentences, a parse that fails) the
regex concept stands and a log line says why. What the patterns read is in tests/cases/extract/."""

from __future__ import annotations

import logging
import threading

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.extract import parse, parse_tokens, parsed
from factcheck.extract.reader import extract_figures

SENTENCE = "The new engine produces 296 hp."
PARSED, REGEX = "new engine", "new engine produces"


def test_the_parse_gives_the_concept_and_the_rules_stay_the_fallback() -> None:
    assert [f.concept for f in extract_figures(SENTENCE)] == [PARSED]
    assert [f.concept for f in extract_figures(SENTENCE, parse=False)] == [REGEX]


def test_only_the_components_a_parse_needs_are_loaded() -> None:
    nlp = parse.pipeline()
    assert nlp is not None and set(nlp.pipe_names) <= set(parse.COMPONENTS)


def test_the_parse_runs_on_one_blas_thread_and_restores_the_process_setting() -> None:
    from threadpoolctl import threadpool_info

    def blas_threads() -> list[int]:
        return [lib["num_threads"] for lib in threadpool_info() if lib["user_api"] == "blas"]

    nlp = parse.pipeline()
    assert nlp is not None
    layers = [node.ops for _, pipe in nlp.pipeline for node in pipe.model.walk()]
    assert not any(getattr(ops, "use_blis", False) for ops in layers[:10]), "the tok2vec layers multiply with numpy"
    seen: list[list[int]] = []
    real_pipe = nlp.pipe

    def watched(*args: object, **kwargs: object) -> object:
        seen.append(blas_threads())
        return real_pipe(*args, **kwargs)

    before = blas_threads()
    nlp.pipe = watched  # type: ignore[method-assign]
    try:
        assert parse.parse_sentences([SENTENCE]) is not None
    finally:
        del nlp.pipe
    assert seen and all(n == 1 for n in seen[0])
    assert blas_threads() == before


def test_no_spacy_or_no_model_falls_back_with_a_log_line(monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    import spacy

    def missing(*args: object, **kwargs: object) -> None:
        raise OSError("[E050] Can't find model")

    monkeypatch.delitem(parse._STATE, "nlp", raising=False)  # restored after the test
    monkeypatch.setattr(spacy, "load", missing)
    with caplog.at_level(logging.INFO, logger="factcheck.extract.parse"):
        assert [f.concept for f in extract_figures(SENTENCE)] == [REGEX]
    assert "no dependency parse" in caplog.text and "regex" in caplog.text
    assert parse.parse_sentences([SENTENCE]) is None


def test_too_many_figure_sentences_fall_back_with_a_log_line(monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setattr(parse, "MAX_SENTENCES", 1)
    text = SENTENCE + " The old engine made 150 hp."
    with caplog.at_level(logging.INFO, logger="factcheck.extract.parse"):
        figures = extract_figures(text)
    assert [f.concept for f in figures] == [f.concept for f in extract_figures(text, parse=False)]
    assert "2 figure sentences of 58 characters, over 1 or" in caplog.text


def test_a_huge_article_or_sentence_is_not_parsed(monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setattr(parse, "MAX_CHARS", 40)  # the article holds more characters than this
    text = SENTENCE + " The old engine made 150 hp."
    with caplog.at_level(logging.INFO, logger="factcheck.extract.reader"):
        assert [f.concept for f in extract_figures(text)][0] == REGEX
    assert f"an article of {len(text)} characters, over 40: no dependency parse" in caplog.text
    assert parse.parse_sentences([text]) is None  # asked directly, the figure sentences' own bound holds
    monkeypatch.undo()
    monkeypatch.setattr(parse, "MAX_SENTENCE_CHARS", 20)  # a "sentence" this long is a list or a page
    assert [f.concept for f in extract_figures(SENTENCE)] == [REGEX]


def test_a_failing_parse_costs_the_concepts_never_the_figures(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(sentences: list[str]) -> None:
        raise RuntimeError("model crashed")

    monkeypatch.setattr(parse, "parse_sentences", broken)
    assert [(f.surface, f.concept) for f in extract_figures(SENTENCE)] == [("296 hp", REGEX)]


def test_a_lone_surrogate_is_parsed_as_a_replacement_character(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        figures = extract_figures("The new \ud800engine produces 296 hp.")
    assert [f.surface for f in figures] == ["296 hp"] and caplog.text == ""


def test_only_sentences_with_a_figure_are_parsed(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[list[str]] = []
    real = parse.parse_sentences
    monkeypatch.setattr(parse, "parse_sentences", lambda sentences: seen.append(sentences) or real(sentences))
    extract_figures("The sky was grey. " + SENTENCE + " Nobody cheered.")
    assert seen == [[SENTENCE]]  # one batch, one sentence
    seen.clear()
    extract_figures("Nothing to count here. Nor here.")
    assert seen == []


def test_one_pipeline_for_all_threads_and_the_same_answers() -> None:
    sentences = [f"The pump moved {n} litres of water." for n in range(10, 40)]
    want = [extract_figures(s)[0].concept for s in sentences]
    got: dict[int, str] = {}
    pipelines: set[int] = set()

    def work(k: int) -> None:
        pipelines.add(id(parse.pipeline()))
        got[k] = extract_figures(sentences[k])[0].concept

    threads = [threading.Thread(target=work, args=(k,)) for k in range(len(sentences))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(pipelines) == 1
    assert [got[k] for k in range(len(sentences))] == want


def test_a_phrase_is_short_never_a_window() -> None:
    """Whatever the sentence, a parse concept is a few noun phrases, not every word near the figure."""
    long = ("After a long and difficult winter in which the northern valleys lost most of their herds, "
            "the regional farmers' cooperative finally shipped 40 tonnes of cheese to markets abroad.")
    concept = extract_figures(long)[0].concept
    assert concept == "cheese, cooperative"
    assert parsed.KINDS == {"count", "measure", "money", "duration", "percent"}


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=-2, max_value=80), st.integers(min_value=0, max_value=12))
def test_tokens_under_a_span_are_those_a_walk_over_the_sentence_finds(start: int, width: int) -> None:
    # tokens_in bisects cached offsets; a walk over every token is the plain definition it must keep
    docs = parse.parse_sentences(["Exports rose 4.5% to $3.2bn (£2.6bn) in 2023, up from 1,200 tonnes."])
    assert docs is not None
    doc = docs[0]
    walked = {t.i for t in doc if t.idx < start + width and t.idx + len(t.text) > start}
    assert parse_tokens.tokens_in(doc, start, start + width) == walked
