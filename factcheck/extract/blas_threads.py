"""One OpenBLAS thread while the parse multiplies its small matrices (parse.py).

A second thread read a batched article no faster but held a second core with a spinning thread,
which a test worker or another user's check wants. threadpoolctl sets the limit for the time of a
parse and restores the process's setting after; without it nothing changes.
"""

from __future__ import annotations

import contextlib
from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def _controller() -> Any | None:
    """threadpoolctl's view of the loaded BLAS libraries, or None without threadpoolctl."""
    try:
        from threadpoolctl import ThreadpoolController
    except ImportError:
        return None
    return ThreadpoolController()


def one_blas_thread() -> Any:
    """A context in which OpenBLAS uses one thread."""
    controller = _controller()
    return controller.limit(limits=1, user_api="blas") if controller is not None else contextlib.nullcontext()


__all__ = ["one_blas_thread"]
