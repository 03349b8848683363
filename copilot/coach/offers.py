"""Which figure an accept takes up: one rule for the live coach and the review."""

from __future__ import annotations

from typing import Generic, TypeVar

Item = TypeVar("Item")
OFFERING = ("offer", "concession")


class LastOffers(Generic[Item]):
    """Each party's latest offer or concession that names a figure, if their latest
    proposal named one.

    An accept that names its own figure ("fifty nine works") takes that; a bare one ("that
    works", "deal") takes the other side's latest figure. Items are whatever the caller
    tracks moves as (``Move`` objects live, stored rows in the review).
    """

    def __init__(self) -> None:
        self._latest: dict[str, Item] = {}
        self._refused: set[str] = set()  # parties whose latest figure the other refused

    def observe(self, party: str, said: list[tuple[str, float | None, Item]]) -> None:
        """Note the moves of one utterance by ``party`` (kind, figure, item each).

        A figure the other side refused ("That's over our budget"), followed by a proposal
        of ``party``'s with no figure ("we could add a midday kitchen clean if we move the
        shampooing"), is off the table: "that works" then agrees to the proposal. A
        sweetener with no refusal before it ("and we'll waive the setup fee too") leaves
        the figure standing."""
        kinds = {kind for kind, _value, _item in said}
        other = {"you": "them", "them": "you"}.get(party)
        if "reject" in kinds and other in self._latest:
            self._refused.add(other)
        offered = [(value, item) for kind, value, item in said if kind in OFFERING]
        figures = [item for value, item in offered if value is not None]
        if figures:
            self._latest[party] = figures[-1]
            self._refused.discard(party)
        elif offered and party in self._refused:
            self._latest.pop(party, None)
            self._refused.discard(party)

    def accepted(self, party: str, value: float | None, item: Item) -> Item | None:
        """What an accept by ``party`` takes up: itself when it names a figure, else the
        other side's latest offer (None when they made none)."""
        if value is not None:
            return item
        other = {"you": "them", "them": "you"}.get(party)
        return self._latest.get(other) if other else None
