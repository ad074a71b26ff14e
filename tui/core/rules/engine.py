"""The rule engine: one SQL file per rule in queries/rules/, its metadata in a TOML beside it.

Adding a rule means adding <id>.sql and <id>.toml (plus its test fixtures), nothing else.
Every rule returns the same columns and binds $rule_id and $severity from its metadata,
so severity is stated in one place only.

The law changes over time, so a rule's metadata has one or more periods ([[period]]
blocks): dates, legal basis, explanation, severity, and whether the basis is confirmed.
Each rule's SQL returns `period_date`, the date that picks the period: the resolution's
issue date, or for budget matters the first day of the budget year the money belongs to
(NĐ 73/2026/NĐ-CP Điều 50 sets which year follows which law). Findings, `check`, the
export and the notice cite the basis of the period their finding falls in.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

from .. import sql
from ..lang.i18n import t
from ..lang.language import Lang, as_lang
from ..paths import QUERIES_DIR

if TYPE_CHECKING:  # duckdb loads in ~0.1 s: only where a query runs
    import duckdb

FINDING_COLUMNS = (
    "rule_id",
    "severity",
    "unit_code",
    "entity_kind",
    "entity_id",
    "year",
    "message_vi",
    "message_en",
    "period_date",
)
SEVERITIES = ("error", "warning", "info")
GROUPS = ("coverage", "resolution", "basis", "works", "capital", "surplus")


class RuleDefinitionError(ValueError):
    pass


# A fact marked MEDIUM or UNCONFIRMED in the sources is a period with confirmed = false;
# readers see it said in the explanation and the legal basis (the catalogue's
# basis_unconfirmed_note and basis_unconfirmed_explanation).
KEYS = ("resolution_date", "budget_year")


@dataclass(frozen=True)
class Period:
    """One stretch of time over which a rule rests on the same law.

    `start` and `end` are inclusive; None is an open end. Which date falls in it is the
    rule's `keyed_by`: the resolution's issue date, or for budget matters the budget
    year the money belongs to (each rule's SQL gives that date as period_date).
    """

    start: date | None
    end: date | None
    severity: str
    legal_basis_vi: str
    legal_basis_en: str
    explanation_vi: str
    explanation_en: str
    confirmed: bool = True

    def covers(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)

    def legal_basis(self, lang: Lang) -> str:
        lang = as_lang(lang)
        text = lang.pick(self.legal_basis_vi, self.legal_basis_en)
        if not self.confirmed:
            text += t("basis_unconfirmed_note", lang)
        return text

    def explanation(self, lang: Lang) -> str:
        lang = as_lang(lang)
        text = lang.pick(self.explanation_vi, self.explanation_en)
        if not self.confirmed:
            text += t("basis_unconfirmed_explanation", lang)
        return text


@dataclass(frozen=True)
class Rule:
    rule_id: str
    group: str
    title_vi: str
    title_en: str
    periods: tuple[Period, ...]
    keyed_by: str = "resolution_date"

    @property
    def query_name(self) -> str:
        return f"rules/{self.rule_id}"

    @property
    def current(self) -> Period:
        """The latest period: what a reader sees when no date is at hand."""
        return self.periods[-1]

    @property
    def severity(self) -> str:
        return self.current.severity

    @property
    def regime_from(self) -> date | None:
        return self.periods[0].start

    @property
    def regime_to(self) -> date | None:
        return self.periods[-1].end

    def title(self, lang: Lang) -> str:
        return as_lang(lang).pick(self.title_vi, self.title_en)

    def period_at(self, day: date | None) -> Period | None:
        """The period a date falls in; None if the rule does not apply on that date."""
        if day is None:
            return self.current
        return next((p for p in self.periods if p.covers(day)), None)

    def _period(self, day: date | None) -> Period:
        return self.period_at(day) or self.current

    def legal_basis(self, lang: Lang, day: date | None = None) -> str:
        return self._period(day).legal_basis(lang)

    def explanation(self, lang: Lang, day: date | None = None) -> str:
        return self._period(day).explanation(lang)

    @property
    def legal_basis_vi(self) -> str:
        return self.current.legal_basis_vi

    @property
    def legal_basis_en(self) -> str:
        return self.current.legal_basis_en

    @property
    def explanation_vi(self) -> str:
        return self.current.explanation_vi

    @property
    def explanation_en(self) -> str:
        return self.current.explanation_en

    def applies_to_year(self, year: int | None) -> bool:
        if year is None:
            return True
        return any(
            p.covers(date(year, 1, 1))
            or p.covers(date(year, 12, 31))
            or (p.start is not None and p.start.year == year)
            for p in self.periods
        )


_REQUIRED = ("id", "group", "title_vi", "title_en")
_PERIOD_TEXT = ("severity", "legal_basis_vi", "legal_basis_en", "explanation_vi", "explanation_en")
PERIOD_KEYS = frozenset(_PERIOD_TEXT) | {"from", "to", "confirmed"}
TOP_KEYS = (
    frozenset(_REQUIRED)
    | frozenset(_PERIOD_TEXT)
    | {"regime_from", "regime_to", "keyed_by", "period", "regime"}
)


def _periods(meta: dict, name: str) -> tuple[Period, ...]:
    """The rule's [[period]] (or [[regime]]) blocks; top-level fields are their defaults.

    A rule without blocks is one period from regime_from to regime_to.
    """
    blocks = (
        meta.get("period")
        or meta.get("regime")
        or [{"from": meta.get("regime_from"), "to": meta.get("regime_to")}]
    )
    periods = []
    for n, block in enumerate(blocks, start=1):
        unknown = set(block) - PERIOD_KEYS
        if unknown:
            raise RuleDefinitionError(f"{name}: period {n}: unknown keys {sorted(unknown)}")
        values = {k: block.get(k, meta.get(k)) for k in _PERIOD_TEXT}
        missing = [k for k, v in values.items() if not v]
        if missing:
            raise RuleDefinitionError(f"{name}: period {n}: missing {', '.join(missing)}")
        if values["severity"] not in SEVERITIES:
            raise RuleDefinitionError(f"{name}: period {n}: severity {values['severity']!r}")
        start, end = block.get("from"), block.get("to")
        for value in (start, end):
            if value is not None and type(value) is not date:
                raise RuleDefinitionError(f"{name}: period {n}: dates must be TOML dates")
        if start and end and start > end:
            raise RuleDefinitionError(f"{name}: period {n}: from is after to")
        confirmed = block.get("confirmed", True)
        if not isinstance(confirmed, bool):
            raise RuleDefinitionError(f"{name}: period {n}: confirmed must be true or false")
        periods.append(Period(start, end, confirmed=confirmed, **values))
    for before, after in zip(periods, periods[1:], strict=False):
        if before.end is None or after.start is None or after.start <= before.end:
            raise RuleDefinitionError(f"{name}: periods must be in order and must not overlap")
    return tuple(periods)


@lru_cache(maxsize=1)
def load_rules() -> tuple[Rule, ...]:
    rules = []
    for meta_path in sorted((QUERIES_DIR / "rules").glob("*.toml")):
        with open(meta_path, "rb") as handle:
            meta = tomllib.load(handle)
        missing = [k for k in _REQUIRED if not meta.get(k)]
        if missing:
            raise RuleDefinitionError(f"{meta_path.name}: missing {', '.join(missing)}")
        unknown = set(meta) - TOP_KEYS
        if unknown:
            raise RuleDefinitionError(f"{meta_path.name}: unknown keys {sorted(unknown)}")
        if meta["id"] != meta_path.stem:
            raise RuleDefinitionError(f"{meta_path.name}: id must equal the file name")
        if meta["group"] not in GROUPS:
            raise RuleDefinitionError(f"{meta_path.name}: group {meta['group']!r}")
        if meta.get("keyed_by", "resolution_date") not in KEYS:
            raise RuleDefinitionError(f"{meta_path.name}: keyed_by {meta['keyed_by']!r}")
        if not meta_path.with_suffix(".sql").exists():
            raise RuleDefinitionError(f"{meta_path.name}: no {meta_path.stem}.sql beside it")
        rules.append(
            Rule(
                rule_id=meta["id"],
                group=meta["group"],
                title_vi=meta["title_vi"],
                title_en=meta["title_en"],
                periods=_periods(meta, meta_path.name),
                keyed_by=meta.get("keyed_by", "resolution_date"),
            )
        )
    return tuple(rules)


@lru_cache(maxsize=1)
def rules_by_id() -> dict[str, Rule]:
    return {rule.rule_id: rule for rule in load_rules()}


_UNSET = object()


def rule_relation(
    con: duckdb.DuckDBPyConnection, rule: Rule, severity: object = _UNSET
) -> duckdb.DuckDBPyRelation:
    """The rule's rows; `severity` defaults to the current period's."""
    return con.sql(
        sql.load(rule.query_name),
        params={
            "rule_id": rule.rule_id,
            "severity": rule.severity if severity is _UNSET else severity,
        },
    )


def run_rule(con: duckdb.DuckDBPyConnection, rule: Rule) -> list[tuple]:
    """The raw rows of one rule, outside its regime included (for tests and tools)."""
    return rule_relation(con, rule).fetchall()


def compute_findings(
    con: duckdb.DuckDBPyConnection, on_rule: Callable[[], None] | None = None
) -> int:
    """Run every rule into the finding table; return how many findings there are.

    Called once per build: findings do not change until the data does. `on_rule` is
    called after each rule has run (progress reporting).
    """
    con.execute(sql.load("derive/finding_stage_create"))
    for rule in load_rules():
        only = rule.periods[0]
        if len(rule.periods) == 1 and only.start is None and only.end is None:
            # One period for all time: its severity is bound directly, nothing to sort out.
            rule_relation(con, rule, severity=only.severity).insert_into("finding_stage")
            if on_rule is not None:
                on_rule()
            continue
        rule_relation(con, rule, severity=None).insert_into("finding_stage")
        # Each finding takes the severity of the period its date falls in; a finding
        # outside every period is dropped (the rule did not apply on that date).
        for period in rule.periods:
            con.execute(
                sql.load("derive/finding_stage_apply_period"),
                {
                    "rule_id": rule.rule_id,
                    "severity": period.severity,
                    "first_day": period.start,
                    "last_day": period.end,
                },
            )
        con.execute(sql.load("derive/finding_stage_drop_outside"), {"rule_id": rule.rule_id})
        if on_rule is not None:
            on_rule()
    con.execute(sql.load("derive/finding_stage_drop_provincial"))
    con.execute(sql.load("derive/finding_clear"))
    con.execute(sql.load("derive/finding_fill"))
    con.execute(sql.load("derive/finding_stage_drop"))
    return con.execute(sql.load("derive/finding_count")).fetchone()[0]
