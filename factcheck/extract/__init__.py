"""Stage 2, extract: article text → ``list[Figure]``, each with its value, interval, unit, hedge, year and span.

``reader`` walks the sentences (``sentences``) and reads each number (``quantity``) with its hedge
(``hedges``), its unit (``unit_aliases``, ``q3`` for quantulum3's long tail), what it counts
(``counted``) and what it is about (``concept``), and its time (``timeref``). It reads the text once;
everything later stages need from the sentence is carried on the ``Figure``.
"""

from typing import Any


def __getattr__(name: str) -> Any:
    """``extract_figures`` is loaded on first use, so importing a vocabulary module stays cheap."""
    if name == "extract_figures":
        from factcheck.extract.reader import extract_figures

        return extract_figures
    raise AttributeError(f"module 'factcheck.extract' has no attribute {name!r}")


__all__ = ["extract_figures"]
