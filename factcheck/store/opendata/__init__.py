"""Readers for the forms open statistics come in, as sourced reference rows.

Three readers, each returning an :class:`~factcheck.store.opendata.common.OpenData` whose
``observations`` is a generator (rows are streamed, never held in a list):

* :func:`~factcheck.store.opendata.package.read_package`: a Frictionless Data Package
  (``datapackage.json`` or ``datapackage.yml`` with CSV resources, World Bank style
  ``Country Name, Country Code, Year, Value``). When the package ships World Bank wide
  CSVs in ``archive/``, each resource is compared with them and a mislabelled resource
  is warned about and relabelled (see :mod:`factcheck.store.opendata.swap`).
* :func:`~factcheck.store.opendata.wide.read_wide_csv`: the World Bank's wide CSV
  (``"Country Name","Country Code","Indicator Name","Indicator Code","1960",...``),
  with or without its preamble lines.
* :func:`~factcheck.store.opendata.wbapi.read_worldbank_api`: the World Bank API v2 over httpx,
  paginated, with timeouts and a row cap.

Untrusted input (paths leaving the package, remote resources, oversized files, schemas
that disagree with the header, duplicate keys, non-numeric values) raises
:class:`factcheck.errors.ImportDataError` before anything is written.
:func:`~factcheck.store.opendata.batch.import_open_data` writes a result through the
importer, all or nothing.
"""

from __future__ import annotations

from factcheck.store.opendata.common import MAX_FILE_BYTES, OpenData
from factcheck.store.opendata.package import read_package
from factcheck.store.opendata.wbapi import read_worldbank_api
from factcheck.store.opendata.wide import read_wide_csv

__all__ = ["MAX_FILE_BYTES", "OpenData", "read_package", "read_wide_csv", "read_worldbank_api"]
