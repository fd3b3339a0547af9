"""Stage 4, judge: a resolved figure and the references retrieved for it → a verdict with its reason.

``intervals`` says what interval a hedged figure or a source allows, ``compare`` judges one figure
against its sources, ``series`` judges superlatives, changes and ratios against a whole series,
``internal`` checks the article against itself (conversions, sums, anniversaries), and
``attribution`` says whose claim a source carries.
"""
