"""Stage 3, resolve: a ``Figure`` → what it is about (metric, entity, year), or nothing when unsure.

``match`` ranks the store's metrics for a figure from its words and unit, ``years`` picks the year a
figure speaks of (stated, narrated or relative to the article's date), ``gazetteer`` knows the
world's countries by name, alias and demonym. The judge compares only what was resolved here.
"""
