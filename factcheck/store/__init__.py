"""The reference store: sqlmodel tables (``db``), CSV import and export (``importer``), lookups
(``lookup``) and the checker's saved checks and reviews (``reviews``).

Any SQLAlchemy URL works: a SQLite file by default, PostgreSQL for a shared team store.
"""
