"""Which figure an accept takes up: one rule for the live coach and the review."""

from __future__ import annotations

from typing import Generic, TypeVar

Item = TypeVar("Item")
OFFERING = ("offer", "concession")


class LastOffers(Generic[Item]):
    """Each party's latest offer or concession that names a figure.

    An accept that names its own figure ("fifty nine works") takes that; a bare one ("that
    works", "deal") takes the other side's latest figure. Items are whatever the caller
    tracks moves as (``Move`` objects live, stored rows in the review).
    """

    def __init__(self) -> None:
        self._latest: dict[str, Item] = {}

    def observe(self, party: str, kind: str, value: float | None, item: Item) -> None:
        """Note a move by ``party``."""
        if kind in OFFERING and value is not None:
            self._latest[party] = item

    def accepted(self, party: str, value: float | None, item: Item) -> Item | None:
        """What an accept by ``party`` takes up: itself when it names a figure, else the
        other side's latest offer (None when they made none)."""
        if value is not None:
            return item
        other = {"you": "them", "them": "you"}.get(party)
        return self._latest.get(other) if other else None
