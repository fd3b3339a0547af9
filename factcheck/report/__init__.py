"""Stage 5, report: a ``CheckResult`` → what people read: exports (Markdown checklist, CSV, JSON,
ClaimReview JSON-LD) and the highlighted article.
"""
