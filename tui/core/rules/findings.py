"""Findings as typed rows, read from the precomputed finding table."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from ..lang.catalogue import CATALOGUE
from ..lang.language import Lang, as_lang
from .engine import SEVERITIES, rules_by_id

if TYPE_CHECKING:  # the store (and duckdb) load where a query runs
    from ..data.store import Store

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
ENTITY_KINDS = (
    "unit",
    "resolution",
    "basis_line",
    "project",
    "capital_allocation",
    "surplus",
    "surplus_line",
)
# Views of the catalogue (tui/core/lang/terms.py), by severity and by entity kind.
SEVERITY_LABELS = {s: CATALOGUE[f"severity_{s}"] for s in SEVERITIES}
ENTITY_LABELS = {kind: CATALOGUE[f"entity_{kind}"] for kind in ENTITY_KINDS}


def severity_label(severity: str, lang: Lang) -> str:
    return as_lang(lang).pair(SEVERITY_LABELS[severity])


def entity_label(kind: str, lang: Lang) -> str:
    return as_lang(lang).pair(ENTITY_LABELS[kind])


# Crockford's base32: no I, L, O or U, so an id read aloud or retyped is not misread.
_ID_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
SHORT_ID_LENGTH = 6  # 32**6 ≈ 1e9: no collision expected among a national scope's findings


def short_id(finding_key: str) -> str:
    """A short id for a finding ("F-7K2QXM"), safe to paste into a shell and stable
    across rebuilds: derived from the finding key, which is a natural key."""
    digest = int.from_bytes(hashlib.blake2b(finding_key.encode("utf-8"), digest_size=8).digest())
    chars = []
    for _ in range(SHORT_ID_LENGTH):
        digest, index = divmod(digest, 32)
        chars.append(_ID_ALPHABET[index])
    return "F-" + "".join(chars)


def looks_like_short_id(text: str) -> bool:
    text = text.strip().upper()
    return (
        len(text) == SHORT_ID_LENGTH + 2
        and text.startswith("F-")
        and all(c in _ID_ALPHABET for c in text[2:])
    )


@dataclass(frozen=True)
class Finding:
    rule_id: str
    severity: str
    unit_code: str
    unit_name: str
    entity_kind: str
    entity_id: str
    year: int | None
    message_vi: str
    message_en: str
    finding_key: str
    resolution_id: str | None
    # The date that picked the rule's period (resolution date or budget year).
    period_date: date | None = None

    def message(self, lang: Lang) -> str:
        return as_lang(lang).pick(self.message_vi, self.message_en)

    @property
    def short_id(self) -> str:
        return short_id(self.finding_key)

    def rule_title(self, lang: Lang) -> str:
        rule = rules_by_id().get(self.rule_id)
        return rule.title(lang) if rule else self.rule_id

    def legal_basis(self, lang: Lang) -> str:
        """The legal basis of the rule period this finding falls in."""
        rule = rules_by_id().get(self.rule_id)
        return rule.legal_basis(lang, self.period_date) if rule else ""

    def explanation(self, lang: Lang) -> str:
        rule = rules_by_id().get(self.rule_id)
        return rule.explanation(lang, self.period_date) if rule else ""

    def as_public_dict(self, lang: Lang, legal_basis: str | None = None) -> dict:
        """The documented JSON/CSV shape of `ntm-review check` (legal_basis: this finding's,
        when the caller already has it from another finding of the same rule and date)."""
        return {
            "id": self.short_id,
            "rule_id": self.rule_id,
            "severity": self.severity,
            "unit_code": self.unit_code,
            "entity_kind": self.entity_kind,
            "entity_id": self.entity_id,
            "year": self.year,
            "message": self.message(lang),
            "legal_basis": self.legal_basis(lang) if legal_basis is None else legal_basis,
        }


def load_findings(store: Store, unit: str | None = None, year: int | None = None) -> list[Finding]:
    return [Finding(*row) for row in store.rows("views/findings", unit=unit, year=year)]
