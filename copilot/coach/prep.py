"""The prep sheet: what you want on each issue, what you can live with, and why.

A TOML file (example: ``resources/prep_example.toml``)::

    counterpart = "Acme Corp"

    [[issues]]
    name = "price"        # also feeds issue matching and the transcriber's hotwords
    unit = "USD"
    target = 38           # what you aim for
    walkaway = 45         # beyond this you walk; target < walkaway means lower is better
    priority = "high"     # high | medium | low
    tradeable = true

    [interests]
    ours = ["budget predictability"]
    theirs = ["multi-year revenue"]
"""

from __future__ import annotations

import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from copilot.errors import InputError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

PRIORITIES = ("high", "medium", "low")
MONEY = {None, "USD", "EUR", "GBP"}  # a prep issue with no unit is taken to be money


@dataclass
class PrepIssue:
    """One issue on the prep sheet."""

    name: str
    unit: str | None = None
    target: float | None = None
    walkaway: float | None = None
    priority: str = "medium"
    tradeable: bool = True

    @property
    def higher_is_better(self) -> bool | None:
        """Whether a higher value is better for you (None when target or walk-away is missing)."""
        if self.target is None or self.walkaway is None or self.target == self.walkaway:
            return None
        return self.target > self.walkaway

    def beyond_walkaway(self, value: float) -> bool:
        """Whether ``value`` is worse for you than your walk-away."""
        better = self.higher_is_better
        if better is None or self.walkaway is None:
            return False
        return value < self.walkaway if better else value > self.walkaway

    def weaker_than_target(self, value: float) -> bool:
        """Whether ``value`` as your own offer gives away more than your target."""
        better = self.higher_is_better
        if better is None or self.target is None:
            return False
        return value < self.target if better else value > self.target


@dataclass
class PrepSheet:
    """Issues and interests noted before the negotiation."""

    counterpart: str | None = None
    issues: list[PrepIssue] = field(default_factory=list)
    our_interests: list[str] = field(default_factory=list)
    their_interests: list[str] = field(default_factory=list)

    def issue(self, name: str | None) -> PrepIssue | None:
        """The prep issue called ``name`` (case-insensitive)."""
        if not name:
            return None
        folded = name.casefold()
        return next((i for i in self.issues if i.name.casefold() == folded), None)

    def issue_of(self, name: str | None, value: float | None, unit: str | None) -> PrepIssue | None:
        """The prep issue a figure is about: the one named, else, for a figure said with no
        issue ("twenty-three is the lowest we go", "other"), the only money issue with a
        target or walk-away it lies near (half to twice), if there is one."""
        named = self.issue(name)
        if named is not None or name not in (None, "other") or not value:
            return named
        near = [
            issue
            for issue in self.issues
            if issue.unit in MONEY  # small counts ("3 webinars") fall near percent or months
            and unit in (None, issue.unit)
            and any(
                limit and 0.5 <= value / limit <= 2.0 for limit in (issue.target, issue.walkaway)
            )
        ]
        return near[0] if len(near) == 1 else None

    def issue_words(self) -> dict[str, str]:
        """Words that name an issue, for issue matching."""
        return {word.casefold(): i.name for i in self.issues for word in i.name.split()}

    def hotwords(self) -> str | None:
        """Issue names for the transcriber to listen for."""
        return " ".join(i.name for i in self.issues) or None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready copy, stored with the session."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PrepSheet:
        """The sheet back from ``to_dict``'s copy."""
        return cls(
            data.get("counterpart"),
            [PrepIssue(**issue) for issue in data.get("issues", [])],
            list(data.get("our_interests", [])),
            list(data.get("their_interests", [])),
        )


class _IssueRecord(BaseModel):
    model_config = ConfigDict(strict=True, extra="ignore")

    name: str = Field(min_length=1)
    unit: str | None = None
    target: float | None = None
    walkaway: float | None = None
    priority: Literal["high", "medium", "low"] = "medium"
    tradeable: bool = True


class _InterestsRecord(BaseModel):
    model_config = ConfigDict(strict=True, extra="ignore")

    ours: list[str] = []
    theirs: list[str] = []


class _SheetRecord(BaseModel):
    """A decoded prep sheet as the TOML file holds it; other keys are ignored."""

    model_config = ConfigDict(strict=True, extra="ignore")

    counterpart: str | None = None
    issues: list[_IssueRecord] = []
    interests: _InterestsRecord = _InterestsRecord()


# What a problem with each field is called, for the one line the user reads.
_ISSUE_PROBLEMS = {
    "name": "needs a name",
    "unit": "unit must be text",
    "target": "target must be a number",
    "walkaway": "walkaway must be a number",
    "priority": f"priority must be one of {', '.join(PRIORITIES)}",
    "tradeable": "tradeable must be true or false",
}


def _problem(error: Any, source: str) -> str:
    """One line naming the field of a pydantic error and what it must be."""
    location = error["loc"]
    if location[0] == "issues":
        if len(location) == 1:
            return f"{source}: 'issues' must be a list of [[issues]] tables"
        where = f"{source}: issue {location[1] + 1}"
        field_name = location[2] if len(location) > 2 else "name"
        problem = _ISSUE_PROBLEMS.get(field_name, f"{field_name} is not valid")
        if field_name in ("target", "walkaway"):
            problem += f", not {error['input']!r}"
        return f"{where} {problem}" if field_name == "name" else f"{where}: {problem}"
    if location[0] == "interests":
        if len(location) == 1:
            return f"{source}: [interests] must be a table"
        return f"{source}: interests.{location[1]} must be a list of strings"
    return f"{source}: counterpart must be text"


def parse_prep(data: dict[str, Any], source: str = "prep sheet") -> PrepSheet:
    """Validate a decoded prep sheet (pydantic, strict: ``target = "cheap"`` is refused).

    Raises:
        InputError: a field has the wrong type or value; the message names it.
    """
    try:
        record = _SheetRecord.model_validate(data)
    except ValidationError as exc:
        raise InputError(_problem(exc.errors()[0], source)) from exc
    issues = [
        PrepIssue(i.name, i.unit, i.target, i.walkaway, i.priority, i.tradeable)
        for i in record.issues
    ]
    interests = record.interests
    return PrepSheet(record.counterpart, issues, list(interests.ours), list(interests.theirs))


def load_prep(path: Path) -> PrepSheet:
    """Read and validate a prep sheet TOML file.

    Raises:
        InputError: missing, unreadable, not TOML, or with wrong types.
    """
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise InputError(f"prep sheet not found: {path}") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read prep sheet {path}: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{path.name} is not valid TOML: {exc}") from exc
    return parse_prep(data, path.name)


def dump_prep(sheet: PrepSheet) -> str:
    """A prep sheet as TOML that ``load_prep`` reads back unchanged (tomli-w writes the
    numbers in full: a walk-away of 1,234,567 stays 1234567.0)."""
    import tomli_w

    data: dict[str, Any] = {}
    if sheet.counterpart:
        data["counterpart"] = sheet.counterpart
    data["issues"] = [
        {key: value for key, value in asdict(issue).items() if value is not None}
        for issue in sheet.issues
    ]
    data["interests"] = {"ours": sheet.our_interests, "theirs": sheet.their_interests}
    return tomli_w.dumps(data)


def show_number(value: float) -> str:
    """A number for people to read, every digit kept and thousands grouped: "1,234,567",
    "123,456.78", "2.5" (``:g`` would show 1.23457e+06 and 123457)."""
    return f"{value:,.15g}"


def plain_number(value: float) -> str:
    """A number as a person would type it, without losing digits ("1234567", "123456.78")."""
    return f"{value:.15g}"
