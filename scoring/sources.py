"""One round feeding another: values taken, by unit, from other rounds' verified decision records.

A city's departments (Sở) each score the districts on their own criteria and
decide their round (`thidua review … -o record.json`); the city's round then
declares those records under `sources` and lets an indicator take its value
`from` one of them: a unit's total, the sum of its criteria, a group's or a
criterion's points. Each record is verified as `thidua verify` does (its input
files must still give it exactly) before any value is taken from it, and every
value taken remembers the round, the record's SHA-256 and what was taken.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from contextvars import ContextVar
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from scoring.criteria import Criteria, Indicator, Source, Take, did_you_mean
from scoring.errors import InvalidInput, Problem
from scoring.wording import Listing, Msg, msg
from scoring.yamlio import Position, read_bytes

if TYPE_CHECKING:
    from scoring.evaluate import Scorecard


@dataclass(frozen=True)
class FromRound:
    """A value taken from a source round's decision record (biên bản), for one unit."""

    source: str  # the source's name in the criteria file
    round: str  # the source round's id
    sha256: str  # the record's SHA-256
    take: Take
    unit: str  # the unit in the source round
    value: Decimal


@dataclass(frozen=True)
class NotInSource:
    """The unit has no result in the source round's record (nor is it mapped to one that has)."""

    source: str
    round: str
    unit: str  # the source round's unit id that was looked for


@dataclass(frozen=True)
class SourceRecord:
    """A source record as it was verified and read: its path and the SHA-256 of its bytes."""

    source: str
    path: Path
    round: str
    sha256: str


@dataclass(frozen=True)
class Fed:
    """What the round's sourced indicators take, per unit of this round."""

    taken: Mapping[str, Mapping[str, FromRound]]  # unit → indicator → the value and where it came from
    missing: Mapping[str, Mapping[str, NotInSource]]  # unit → indicator → why it has no value
    records: tuple[SourceRecord, ...]


# The source records being verified now, in this thread: a record that feeds itself is refused, not recursed into.
_READING: ContextVar[frozenset[Path]] = ContextVar("reading", default=frozenset())


def read_sources(criteria: Criteria) -> Fed | None:
    """Every source record verified and read, and each sourced indicator's value per unit (None: no sources).

    Any record that cannot be read, does not verify, or lacks what an indicator takes is a located problem
    in the criteria file; they are all raised together, and nothing is taken from any record then.
    """
    if not criteria.sources:
        return None
    problems: list[Problem] = []
    taken: dict[str, dict[str, FromRound]] = {}
    missing: dict[str, dict[str, NotInSource]] = {}
    records = []
    for source in criteria.sources.values():
        try:
            record, cards, groups, lines = _verified(criteria, source)
        except InvalidInput as e:
            problems.extend(e.problems)
            continue
        records.append(record)
        fed = {iid: i for iid, i in criteria.indicators.items() if i.source is not None and i.source.source == source.id}
        for iid, indicator in fed.items():
            assert indicator.source is not None
            take = indicator.source.take
            known = groups if take.kind == "group" else lines if take.kind == "criterion" else None
            if known is not None and take.ref not in known:
                problems.append(_unknown_take(criteria, iid, indicator, record.round, known))
                continue
            for unit in criteria.units:
                there = source.units.get(unit.id, unit.id)
                card = cards.get(there)
                if card is None:
                    missing.setdefault(unit.id, {})[iid] = NotInSource(source.id, record.round, there)
                    continue
                value = _taken(card, take)
                if not _in_range(indicator, value):
                    problems.append(_out_of_range(criteria, iid, indicator, unit.id, value, record.round))
                    continue
                taken.setdefault(unit.id, {})[iid] = FromRound(source.id, record.round, record.sha256, take, there, value)
    if problems:
        raise InvalidInput(problems)
    return Fed(taken, missing, tuple(records))


def _verified(criteria: Criteria, source: Source) -> tuple[SourceRecord, dict[str, Scorecard], frozenset[str], frozenset[str]]:
    """The source's record, verified: its scorecards by unit, and its round's group and criterion ids."""
    from scoring.record import MAX_RECORD_BYTES, checked  # noqa: PLC0415 (the record scores rounds, which read sources)

    path = source.record

    def refused(message: Msg) -> InvalidInput:
        said = msg("sources.{source}.record: {problem}", source=source.id, problem=message)
        return InvalidInput([_at(criteria, source.where, said)])

    def unreadable(e: InvalidInput) -> InvalidInput:
        said = Listing(tuple(p.message for p in e.problems), "; ")
        return refused(msg("{path}: {problems}", path=str(path), problems=said))

    try:
        sha = hashlib.sha256(read_bytes(path, MAX_RECORD_BYTES)).hexdigest()  # refuses a NUL in the name, too
    except InvalidInput as e:
        raise unreadable(e) from None
    key = path.resolve()
    if key in _READING.get():
        raise refused(msg("the record {path} takes values from itself (through its own sources)", path=str(path)))
    reading = _READING.set(_READING.get() | {key})
    try:
        differences, reviewed = checked(path)
    except InvalidInput as e:
        raise unreadable(e) from None
    finally:
        _READING.reset(reading)
    if differences or reviewed is None:
        said = Listing(tuple(d.message() for d in differences), "; ")
        raise refused(msg("the record {path} does not verify: {differences}", path=str(path), differences=said))
    results = reviewed.results
    cards = {card.unit.id: card for card in results.scorecards}
    groups = frozenset(g.id for g in results.criteria.groups)
    lines = frozenset(c.id for c in results.criteria.criteria)
    return SourceRecord(source.id, path, results.criteria.id, sha), cards, groups, lines


def _taken(card: Scorecard, take: Take) -> Decimal:
    if take.kind == "total":
        return card.total
    if take.kind == "group":
        return next(g.points for g in card.groups if g.group.id == take.ref)
    lines = [line for line in card.lines if take.kind == "criteria" or line.criterion.id == take.ref]
    return sum((line.points for line in lines), Decimal(0))


def _in_range(indicator: Indicator, value: Decimal) -> bool:
    return (indicator.min is None or value >= indicator.min) and (indicator.max is None or value <= indicator.max)


def _at(criteria: Criteria, where: Position, message: Msg) -> Problem:
    return Problem(criteria.file, where.line, where.col, message)


def _unknown_take(criteria: Criteria, iid: str, indicator: Indicator, round_id: str, known: frozenset[str]) -> Problem:
    assert indicator.source is not None
    take = indicator.source.take
    assert take.ref is not None
    hint = did_you_mean(take.ref, sorted(known))
    ids = Listing(tuple(sorted(known)))
    name = take.ref
    if take.kind == "group":
        said = msg("round {round} has no group '{name}'{hint} (its groups: {ids})", round=round_id, name=name, hint=hint, ids=ids)
    else:
        said = msg(
            "round {round} has no criterion '{name}'{hint} (its criteria: {ids})", round=round_id, name=name, hint=hint, ids=ids
        )
    path = f"indicators.{iid}.from.take.{take.kind}"
    return _at(criteria, indicator.source.take_where, msg("{path}: {message}", path=path, message=said))


def _out_of_range(criteria: Criteria, iid: str, indicator: Indicator, unit: str, value: Decimal, round_id: str) -> Problem:
    assert indicator.source is not None
    said = msg(
        "unit {unit}: {value} taken from round {round} is outside the indicator's range",
        unit=unit,
        value=value,
        round=round_id,
    )
    return _at(criteria, indicator.source.where, msg("{path}: {message}", path=f"indicators.{iid}.from", message=said))
