"""The rule engine: one SQL file per rule in queries/rules/, its metadata in a TOML beside it.

Adding a rule means adding <id>.sql and <id>.toml (plus its test fixtures), nothing else.
Every rule returns the same columns and binds $rule_id and $severity from its metadata,
so severity is stated in one place only.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import duckdb

from . import sql
from .paths import QUERIES_DIR

FINDING_COLUMNS = (
    "rule_id",
    "severity",
    "unit_code",
    "entity_kind",
    "entity_id",
    "year",
    "message_vi",
    "message_en",
)
SEVERITIES = ("error", "warning", "info")
GROUPS = ("coverage", "resolution", "basis", "works", "capital", "surplus")


class RuleDefinitionError(ValueError):
    pass


@dataclass(frozen=True)
class Rule:
    rule_id: str
    severity: str
    group: str
    title_vi: str
    title_en: str
    legal_basis_vi: str
    legal_basis_en: str
    explanation_vi: str
    explanation_en: str
    regime_from: date | None
    regime_to: date | None

    @property
    def query_name(self) -> str:
        return f"rules/{self.rule_id}"

    def title(self, lang: str) -> str:
        return self.title_en if lang == "en" else self.title_vi

    def legal_basis(self, lang: str) -> str:
        return self.legal_basis_en if lang == "en" else self.legal_basis_vi

    def explanation(self, lang: str) -> str:
        return self.explanation_en if lang == "en" else self.explanation_vi

    def applies_to_year(self, year: int | None) -> bool:
        if year is None:
            return True
        if self.regime_from and year < self.regime_from.year:
            return False
        return not (self.regime_to and year > self.regime_to.year)


_REQUIRED = (
    "id",
    "severity",
    "group",
    "title_vi",
    "title_en",
    "legal_basis_vi",
    "legal_basis_en",
    "explanation_vi",
    "explanation_en",
)


@lru_cache(maxsize=1)
def load_rules() -> tuple[Rule, ...]:
    rules = []
    for meta_path in sorted((QUERIES_DIR / "rules").glob("*.toml")):
        with open(meta_path, "rb") as handle:
            meta = tomllib.load(handle)
        missing = [k for k in _REQUIRED if not meta.get(k)]
        if missing:
            raise RuleDefinitionError(f"{meta_path.name}: missing {', '.join(missing)}")
        if meta["id"] != meta_path.stem:
            raise RuleDefinitionError(f"{meta_path.name}: id must equal the file name")
        if meta["severity"] not in SEVERITIES:
            raise RuleDefinitionError(f"{meta_path.name}: severity {meta['severity']!r}")
        if meta["group"] not in GROUPS:
            raise RuleDefinitionError(f"{meta_path.name}: group {meta['group']!r}")
        if not meta_path.with_suffix(".sql").exists():
            raise RuleDefinitionError(f"{meta_path.name}: no {meta_path.stem}.sql beside it")
        rules.append(
            Rule(
                rule_id=meta["id"],
                severity=meta["severity"],
                group=meta["group"],
                title_vi=meta["title_vi"],
                title_en=meta["title_en"],
                legal_basis_vi=meta["legal_basis_vi"],
                legal_basis_en=meta["legal_basis_en"],
                explanation_vi=meta["explanation_vi"],
                explanation_en=meta["explanation_en"],
                regime_from=meta.get("regime_from"),
                regime_to=meta.get("regime_to"),
            )
        )
    return tuple(rules)


@lru_cache(maxsize=1)
def rules_by_id() -> dict[str, Rule]:
    return {rule.rule_id: rule for rule in load_rules()}


def rule_relation(con: duckdb.DuckDBPyConnection, rule: Rule) -> duckdb.DuckDBPyRelation:
    return con.sql(
        sql.load(rule.query_name), params={"rule_id": rule.rule_id, "severity": rule.severity}
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
        rule_relation(con, rule).insert_into("finding_stage")
        con.execute(
            sql.load("derive/finding_stage_apply_regime"),
            {
                "rule_id": rule.rule_id,
                "first_year": rule.regime_from.year if rule.regime_from else None,
                "last_year": rule.regime_to.year if rule.regime_to else None,
            },
        )
        if on_rule is not None:
            on_rule()
    con.execute(sql.load("derive/finding_stage_drop_provincial"))
    con.execute(sql.load("derive/finding_clear"))
    con.execute(sql.load("derive/finding_fill"))
    con.execute(sql.load("derive/finding_stage_drop"))
    return con.execute(sql.load("derive/finding_count")).fetchone()[0]
