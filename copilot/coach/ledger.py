"""The give/get ledger: how much each party has conceded, for flags and the balance meter."""

from __future__ import annotations

from dataclasses import dataclass, field

from copilot.events import Move

PARTIES = ("you", "them")


@dataclass
class PartyLedger:
    """Concessions one party made."""

    count: int = 0
    conditional: int = 0
    size_pct: float = 0.0
    unsized: int = 0  # concessions with no size to add: not moves between two numbers

    @property
    def one_sided(self) -> int:
        """Concessions given with nothing asked in return."""
        return self.count - self.conditional


@dataclass
class ConcessionLedger:
    """Running concession totals per party."""

    parties: dict[str, PartyLedger] = field(
        default_factory=lambda: {party: PartyLedger() for party in PARTIES}
    )

    def record(self, party: str, concession: Move) -> None:
        """Count one concession by ``party``."""
        entry = self.parties.get(party)
        if entry is None:
            return
        entry.count += 1
        entry.conditional += int(concession.conditional)
        entry.size_pct += concession.size_pct or 0.0
        entry.unsized += int(concession.size_pct is None)

    def balance(self) -> float:
        """-1 (only you gave) … 0 (even) … +1 (only they gave), by count."""
        you, them = self.parties["you"].count, self.parties["them"].count
        return 0.0 if you + them == 0 else (them - you) / (you + them)

    def as_dict(self) -> dict[str, dict[str, float]]:
        """The ledger for reports and the panel."""
        return {
            party: {
                "count": entry.count,
                "conditional": entry.conditional,
                "one_sided": entry.one_sided,
                "size_pct": round(entry.size_pct, 2),
            }
            for party, entry in self.parties.items()
        }
