"""factcheck.memo.last_call: the same argument objects reuse the answer; equal but new ones do not."""

from __future__ import annotations

from factcheck.memo import last_call


def test_the_same_objects_reuse_the_answer_and_new_ones_recompute() -> None:
    calls: list[int] = []

    @last_call
    def total(xs: list[int]) -> int:
        calls.append(1)
        return sum(xs)

    a = [1, 2, 3]
    assert total(a) == 6 and total(a) == 6
    assert len(calls) == 1  # the same list: answered from the memo
    b = [1, 2, 3]
    assert total(b) == 6 and len(calls) == 2  # an equal list is another object: computed again
    assert total(a) == 6 and len(calls) == 3  # only the last call is kept
