"""Model-commune comparison: what the model has that another commune lacks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from ..errors import UsageError
from ..lang.catalogue import CATALOGUE
from ..lang.language import Lang, as_lang

if TYPE_CHECKING:  # the store (and duckdb) load where a query runs
    from ..data.store import Store

DIMENSIONS = ("basis_category", "capital_source", "surplus_category", "document_kind")
# A view of the catalogue (tui/core/lang/terms.py), by dimension.
DIMENSION_LABELS = {d: CATALOGUE[f"dimension_{d}"] for d in DIMENSIONS}


def model_unit_for(meta: dict[str, str], year: int | None) -> str | None:
    """The model commune of a reviewed year (meta model_unit_<year>), else meta model_unit.

    Units change with the 2025 map, so each year may have its own model.
    """
    if year is not None and meta.get(f"model_unit_{year}"):
        return meta[f"model_unit_{year}"]
    return meta.get("model_unit") or None


@dataclass(frozen=True)
class Gap:
    dimension: str
    code: str
    name_vi: str
    name_en: str

    def name(self, lang: Lang) -> str:
        return as_lang(lang).pick(self.name_vi, self.name_en)


@dataclass(frozen=True)
class Comparison:
    unit_code: str
    unit_name: str
    gaps: tuple[Gap, ...]


def dimension_label(dimension: str, lang: Lang) -> str:
    return as_lang(lang).pair(DIMENSION_LABELS[dimension])


def _profiles(
    store: Store, year: int, units: list[str] | None = None
) -> dict[str, dict[tuple[str, str], tuple]]:
    """Each unit's (dimension, code) items; only `units` when given (None: every unit)."""
    profiles: dict[str, dict[tuple[str, str], tuple]] = {}
    for unit_code, dimension, code, name_vi, name_en, order in store.rows(
        "views/unit_profile", year=year, units=units
    ):
        profiles.setdefault(unit_code, {})[(dimension, code)] = (name_vi, name_en, order)
    return profiles


def _model_in_year(store: Store, model_code: str, year: int) -> str:
    """The model commune as it was in `year`: itself, or the commune it became on
    01/07/2025 when it went whole into one commune; otherwise the reviewer must choose."""
    if store.dicts("views/unit_in_year", code=model_code, year=year):
        return model_code
    from ..data.unitmap import catalogue_from_store

    catalogue = catalogue_from_store(store)
    day = date(year, 12, 31)
    gone = catalogue.explain(model_code, day)
    now = catalogue.successors_on(model_code, day)
    if len(now) == 1 and now[0].kind == "xa":
        return now[0].code
    raise UsageError(
        "model_gone",
        code=model_code,
        unit=gone["unit"] if gone else model_code,
        year=year,
        now=", ".join(p.label() for p in now) or "—",
    )


def compare_with_model(
    store: Store, model_code: str, year: int, unit_code: str | None = None
) -> list[Comparison]:
    """For each commune other than the model (or just unit_code), what it lacks."""
    model = store.dicts("views/unit", code=model_code)
    if not model:
        raise UsageError("unknown_unit", code=model_code)
    if model[0]["kind"] != "xa":
        raise UsageError("model_not_commune", code=model_code)
    model_code = _model_in_year(store, model_code, year)
    if unit_code is not None and not store.dicts("views/unit", code=unit_code):
        raise UsageError("unknown_unit", code=unit_code)
    # One commune's comparison (the unit screen) profiles two units, not the whole country.
    profiles = _profiles(store, year, None if unit_code is None else [model_code, unit_code])
    model_items = profiles.get(model_code, {})
    order = {d: i for i, d in enumerate(DIMENSIONS)}
    results = []
    for code, name in store.rows("views/communes", year=year, code=unit_code):
        if code == model_code or (unit_code is not None and code != unit_code):
            continue
        have = profiles.get(code, {})
        missing = sorted(
            (key for key in model_items if key not in have),
            key=lambda k: (order[k[0]], model_items[k][2], k[1]),
        )
        gaps = tuple(
            Gap(dim, item, model_items[(dim, item)][0], model_items[(dim, item)][1])
            for dim, item in missing
        )
        results.append(Comparison(code, name, gaps))
    return results
