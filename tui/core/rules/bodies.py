"""Who reviews a unit's resolutions: the body valid on the resolution's date.

The body is data (reviewing_body, data/reviewing_bodies.csv), keyed by unit and period:
up to 30/06/2025 the district or city council's Thường trực, from 01/07/2025 the
commune's own council (or a provincial body where a province says so). A deployment may
name its own body (meta `reviewing_body`, or `reviewing_body` in the reviewer's
config.toml); it overrides the data from the day two-level local government began (the
setting `two_level_government_from`, data/settings.csv), never before, so that no output
names a body for a day on which it did not review.

Exports, `check`, the screens' headers and the notice all ask here (the notice through
unitmap.reviewing_body).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from ..config import config_value
from ..lang.catalogue import CATALOGUE
from ..lang.i18n import t
from ..lang.language import Lang, as_lang

__all__ = [
    "Body",
    "bodies_for",
    "body_for",
    "check_unit_existed",
    "deployment_body",
    "finding_bodies",
    "finding_days",
    "two_level_from",
    "year_body_label",
]

_KIND_PREFIX = "kind_"  # the catalogue's words for a unit kind (tui/core/lang/labels.py)


@dataclass(frozen=True)
class Body:
    """One reviewing body, by name (a council: "HĐND thành phố Móng Cái")."""

    vi: str
    en: str
    # The unit's own council (the data's {unit} row): a year of such units has no one body.
    own_unit: bool = False

    def name(self, lang: Lang) -> str:
        return as_lang(lang).pick(self.vi, self.en)

    def label(self, lang: Lang) -> str:
        """The committee that reviews: "Thường trực HĐND thành phố Móng Cái"."""
        return t("body_label", lang, body=self.name(lang))


def deployment_body(meta: dict[str, str]) -> str | None:
    """The body a deployment names: config.toml first, then the database's meta."""
    return config_value("reviewing_body") or meta.get("reviewing_body") or None


def two_level_from(store) -> date | None:
    """The day two-level local government began (setting two_level_government_from)."""
    rows = store.rows("views/setting", key="two_level_government_from")
    if not rows or not rows[0][0]:
        return None
    try:
        return date.fromisoformat(rows[0][0])
    except ValueError:
        return None


def _from_row(row: tuple) -> Body:
    _code, _asked, name_vi, name_en, _confirmed, kind, name, parent_name = row
    kind_vi, kind_en = CATALOGUE.get(_KIND_PREFIX + kind, (kind, kind))
    district = parent_name[:1].lower() + parent_name[1:] if parent_name else None
    unit_vi, unit_en = f"{kind_vi} {name}", f"{name} {kind_en}"
    vi = name_vi.replace("{unit}", unit_vi).replace("{district}", district or unit_vi)
    en = name_en.replace("{unit}", unit_en).replace("{district}", parent_name or unit_en)
    return Body(vi, en, own_unit="{unit}" in name_vi)


def bodies_for(
    store, pairs: Iterable[tuple[str, date]], own: str | None = None
) -> dict[tuple[str, date], Body]:
    """The body of each (unit code, day) pair, in one query; pairs with none are absent.

    `own` (deployment_body) replaces the data on days from two_level_from(store) on.
    """
    pairs = list(dict.fromkeys(pairs))
    if not pairs:
        return {}
    rows = store.rows(
        "views/reviewing_bodies",
        codes=[code for code, _ in pairs],
        days=[day for _, day in pairs],
    )
    found = {(row[0], row[1]): _from_row(row) for row in rows}
    start = two_level_from(store) if own else None
    if own and start is not None:
        for code, day in pairs:
            if day >= start:
                found[(code, day)] = Body(own, own)
    return found


def body_for(store, code: str, day: date, own: str | None = None) -> Body | None:
    return bodies_for(store, [(code, day)], own).get((code, day))


def finding_days(store, findings, unit: str | None = None, year: int | None = None) -> list:
    """(unit code, day) per finding: its resolution's date, else the last day of its year.

    The last day of the year is read on the unit's last day when the unit ended earlier
    (views/reviewing_bodies), so a unit-year finding of an abolished unit keeps its body.
    """
    issued = dict(store.rows("views/resolution_dates", unit=unit, year=year))
    days = []
    for f in findings:
        day = issued.get(f.resolution_id) if f.resolution_id else None
        if day is None and f.year is not None:
            day = date(f.year, 12, 31)
        days.append((f.unit_code, day) if day is not None else None)
    return days


def finding_bodies(
    store, findings, unit: str | None = None, year: int | None = None
) -> list[Body | None]:
    """The body that reviews each finding's resolution (or unit-year), in order."""
    days = finding_days(store, findings, unit, year)
    found = bodies_for(store, [d for d in days if d], deployment_body(store.meta()))
    return [found.get(d) if d else None for d in days]


def check_unit_existed(store, code: str, year: int) -> None:
    """Refuse (UsageError) a unit-year in which the unit did not exist: no body reviewed
    it, and the body of its last day (an abolished council) must not head a notice."""
    if store.rows("views/unit_in_year", code=code, year=year):
        return
    from ..data.unitmap import catalogue_from_store
    from ..errors import UsageError
    from ..fmt import vn_date

    catalogue = catalogue_from_store(store)
    gone = catalogue.explain(code, date(year, 1, 1)) or catalogue.explain(code, date(year, 12, 31))
    if gone is None:
        return
    if gone["began"] is not None:
        raise UsageError(
            "unit_year_not_yet",
            unit=gone["unit"],
            year=year,
            began=vn_date(gone["began"]),
            began_year=gone["began"].year,
        )
    ended = {"ended": vn_date(gone["ended"]), "ended_year": gone["ended"].year}
    if gone["now"]:
        raise UsageError("unit_year_ended", unit=gone["unit"], year=year, now=gone["now"], **ended)
    raise UsageError("unit_year_ended_alone", unit=gone["unit"], year=year, **ended)


def year_body_label(store, year: int, lang: Lang, own: str | None = None) -> str | None:
    """Who reviews the units shown for a year, for the overview's title.

    One body for all (the city council in 2023, a deployment's own body): its label. Each
    unit its own council (2026): say so. Different bodies: say they differ by unit.
    """
    pairs = [(code, day) for code, day in store.rows("views/year_unit_days", year=year)]
    bodies = set(bodies_for(store, pairs, own).values())
    if not bodies:
        return None
    if len(bodies) == 1 and not next(iter(bodies)).own_unit:
        return next(iter(bodies)).label(lang)
    if all(b.own_unit for b in bodies):
        return t("body_each_own", lang)
    return t("body_various", lang)
