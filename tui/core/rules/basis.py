"""Recognise the legal grounds ("Căn cứ ...") cited by a resolution.

Each ground is a free-text line. `BasisRecogniser.recognise` matches it to the
legal-document registry (data/legal_documents.csv) and gives it a basis category
(data/basis_categories.csv):

1. by document number ("27/2022/NĐ-CP"): only the first number in the line is the
   cited document; later numbers are references inside its title ("... sửa đổi Nghị
   định số 27/2022/NĐ-CP", "Xét Tờ trình số 73/TTr-UBND ... theo Quyết định 263/QĐ-TTg");
   A number with a year ("72/2025/QH15") wins over a name: a line that names the Local
   Government Law but gives an unknown number is not the 2015 law;
2. else by name and date ("Luật Đầu tư công ngày 13/6/2019"). An amending law is often
   cited by a short form ("Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương
   ngày 22/11/2019", "Luật sửa đổi … ngày 22/11/2019"): a law whose title contains the
   name (or any amending law, for "Luật sửa đổi …") issued on exactly the cited date wins;
3. else by category keyword ("phê duyệt đồ án Quy hoạch chung xây dựng xã ...").

All matching runs on the folded line (no accents, lower case, đ→d), so case, accents,
NFD input and irregular spaces do not matter. Recognition never raises.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from tui.core.textfold import fold

from .vndates import first_date, fold_line, parse_vn_date

__all__ = [
    "BasisRecogniser",
    "Recognition",
    "RegistryDocument",
    "load_documents",
    "parse_vn_date",
]

# Document numbers, on folded text: "27/2022/nd-cp", "263/qd-ttg", "39/2019/qh14",
# with optional spaces around "/" and "-".
_NUMBER_RE = re.compile(
    r"(?<![0-9/.,])([0-9]{1,5}) ?/ ?(?:([0-9]{4}) ?/ ?)?"
    r"([a-z]{1,12}[0-9]{0,3}(?: ?- ?[a-z]{1,12}[0-9]{0,3}){0,4})(?![a-z0-9])"
)
_SEGMENT_SPLIT = re.compile(r" ?- ?")

# A name or keyword preceded by one of these words is a reference, not the cited
# document: "Nghị định quy định chi tiết thi hành một số điều của Luật Ngân sách nhà nước".
_REFERENCE_BEFORE = re.compile(r"(?:^|[^a-z0-9])(?:cua|thi hanh|huong dan)[^a-z0-9]*$")
_REFERENCE_WINDOW = 16

_NOT_WORD = re.compile(r"[^a-z0-9]+")
# "Luật sửa đổi, bổ sung …" at the start of the cited text (after "Căn cứ").
_AMENDING_LAW = re.compile(r"^(?:[^a-z0-9]*can cu)?[^a-z0-9]*luat sua doi")
_TRAILING_YEAR = re.compile(r" nam [0-9]{4}$")
_TRAILING_PAREN = re.compile(r"\s*\([^()]*\)\s*$")

# Canonical spelling of number segments, by folded segment. The registry's own
# spellings are added at construction; anything else is upper-cased.
_KNOWN_SEGMENTS = {
    "nd": "NĐ",
    "qd": "QĐ",
    "hdnd": "HĐND",
    "ttg": "TTg",
    "ttr": "TTr",
    "bkhdt": "BKHĐT",
    "ldtbxh": "LĐTBXH",
}

_CACHE_SIZE = 1 << 16


@dataclass(frozen=True)
class RegistryDocument:
    """One row of legal_documents.csv, typed."""

    doc_id: str
    number: str
    kind: str
    short_name_vi: str
    title_vi: str
    # None: unknown, allowed only on an unconfirmed row (REGIME-2026.md names documents by
    # number alone); every comparison with it then stays silent.
    issue_date: date | None
    effective_date: date | None
    repealed_date: date | None
    basis_category: str | None
    # An invented document of the demo dataset: it recognises demo resolutions only, so
    # that real imported data never matches it.
    demo_only: bool = False
    confirmed: bool = True


@dataclass(frozen=True)
class Recognition:
    """What a ground line cites. `method` is None when nothing was recognised."""

    doc_id: str | None
    category: str | None
    cited_number: str | None
    cited_date: date | None
    method: str | None


@dataclass(frozen=True)
class _Number:
    start: int
    end: int
    serial: str  # as written, e.g. "06"
    year: str | None
    segments: tuple[str, ...]  # folded, e.g. ("nq", "hdnd")


def _parse_iso(value: str | None) -> date | None:
    value = (value or "").strip()
    return date.fromisoformat(value) if value else None


def check_issue_date(
    path: Path, line_no: int, doc_id: str, issue_date: date | None, confirmed: bool
) -> None:
    """Refuse a confirmed registry row without an issue date (RegistryError)."""
    if issue_date is None and confirmed:
        from ..errors import RegistryError

        raise RegistryError("registry_date_missing", path=path, line=line_no, doc_id=doc_id)


def load_documents(path: Path) -> list[RegistryDocument]:
    """Read legal_documents.csv (utf-8) into typed rows.

    Raises RegistryError for a confirmed row without an issue date.
    """
    documents = []
    with Path(path).open(encoding="utf-8-sig", newline="") as handle:
        for line_no, row in enumerate(csv.DictReader(handle), start=2):
            try:
                issue_date = _parse_iso(row["issue_date"])
                confirmed = (row.get("confirmed") or "").strip().lower() == "true"
                check_issue_date(path, line_no, row["doc_id"].strip(), issue_date, confirmed)
                documents.append(
                    RegistryDocument(
                        doc_id=row["doc_id"].strip(),
                        number=row["number"].strip(),
                        kind=row["kind"].strip(),
                        short_name_vi=(row["short_name_vi"] or "").strip(),
                        title_vi=(row["title_vi"] or "").strip(),
                        issue_date=issue_date,
                        effective_date=_parse_iso(row["effective_date"]),
                        repealed_date=_parse_iso(row["repealed_date"]),
                        basis_category=(row["basis_category"] or "").strip() or None,
                        demo_only=(row.get("demo_only") or "").strip().lower() == "true",
                        confirmed=confirmed,
                    )
                )
            except (KeyError, ValueError) as exc:
                raise ValueError(f"{path}:{line_no}: bad legal document row: {exc}") from exc
    return documents


def _load_categories(path: Path) -> list[tuple[str, list[str]]]:
    """Read basis_categories.csv into (code, keywords) pairs, in sort_order."""
    with Path(path).open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    rows.sort(key=lambda row: int(row.get("sort_order") or 0))
    return [
        (row["code"].strip(), [k.strip() for k in (row["keywords"] or "").split("|") if k.strip()])
        for row in rows
    ]


def _number_key(serial: str, year: str | None, segments: Iterable[str]) -> str:
    """Comparison key: no leading zeros, no spaces or hyphens ("06/2022/NQ-HĐND" → "6/2022/nqhdnd")."""
    serial = serial.lstrip("0") or "0"
    suffix = "".join(segments)
    return f"{serial}/{year}/{suffix}" if year else f"{serial}/{suffix}"


def _phrase_pattern(folded_phrase: str) -> str:
    """Regex for a folded phrase whose words may be separated by any punctuation."""
    words = _NOT_WORD.split(folded_phrase)
    return r"[^a-z0-9]+".join(re.escape(word) for word in words if word)


def _is_reference(folded: str, start: int) -> bool:
    return _REFERENCE_BEFORE.search(folded[max(0, start - _REFERENCE_WINDOW) : start]) is not None


class BasisRecogniser:
    """Matches ground lines to the legal-document registry and basis categories."""

    def __init__(
        self,
        documents: Sequence[RegistryDocument],
        categories: Sequence[tuple[str, Sequence[str]]],
    ) -> None:
        # Real data must never match an invented demo document: a second recogniser
        # without them answers for every resolution that is not demo data.
        real = [d for d in documents if not d.demo_only]
        self._real = self if len(real) == len(documents) else BasisRecogniser(real, categories)
        # Laws by issue date, for the short forms of amending laws.
        self._laws_by_date: dict[date, list[tuple[str, RegistryDocument]]] = {}
        for doc in documents:
            if doc.kind == "luat" and doc.issue_date is not None:
                title = " ".join(_NOT_WORD.split(_TRAILING_PAREN.sub("", fold(doc.title_vi))))
                self._laws_by_date.setdefault(doc.issue_date, []).append((title.strip(), doc))
        # Number index: comparison key -> document.
        self._by_number: dict[str, RegistryDocument] = {}
        self._segment_spelling = dict(_KNOWN_SEGMENTS)
        for doc in documents:
            parsed = self._parse_number(fold_line(doc.number))
            if parsed is None:
                continue
            self._by_number.setdefault(
                _number_key(parsed.serial, parsed.year, parsed.segments), doc
            )
            written = _SEGMENT_SPLIT.split(doc.number.rsplit("/", 1)[-1].strip())
            if len(written) == len(parsed.segments):
                for folded_seg, seg in zip(parsed.segments, written, strict=True):
                    self._segment_spelling.setdefault(folded_seg, seg)

        # Name index: folded name -> documents. Names are the short name, the title, and
        # for laws the title without "năm yyyy" ("Luật Ngân sách nhà nước năm 2015").
        by_name: dict[str, list[RegistryDocument]] = {}
        for doc in documents:
            names = set()
            if doc.short_name_vi:
                names.add(fold(doc.short_name_vi))
            title = _TRAILING_PAREN.sub("", fold(doc.title_vi))
            if len(title.split()) >= 3:
                names.add(title)
                if doc.kind == "luat":
                    names.add(_TRAILING_YEAR.sub("", title))
            for name in names:
                key = " ".join(_NOT_WORD.split(name)).strip()
                if key and doc not in by_name.setdefault(key, []):
                    by_name[key].append(doc)
        self._by_name = {name: tuple(docs) for name, docs in by_name.items()}
        # Lookahead alternation, so that overlapping names are all found.
        names_longest_first = sorted(self._by_name, key=len, reverse=True)
        self._name_re = (
            re.compile(
                r"(?<![a-z0-9])(?=("
                + "|".join(_phrase_pattern(name) for name in names_longest_first)
                + r")(?![a-z0-9]))"
            )
            if names_longest_first
            else None
        )

        # Keywords, in the given (sort_order) order.
        self._keywords = [
            (code, re.compile(r"(?<![a-z0-9])" + _phrase_pattern(fold(kw)) + r"(?![a-z0-9])"))
            for code, keywords in categories
            for kw in keywords
            if fold(kw).strip()
        ]

        # Two caches: by raw line (skips folding for repeated lines) and by folded line
        # (the same citation written with other case, accents or spacing).
        self._recognise_folded = lru_cache(maxsize=_CACHE_SIZE)(self._recognise_uncached)
        self._recognise_raw = lru_cache(maxsize=_CACHE_SIZE)(self._recognise_text)

    @classmethod
    def from_csv(cls, data_dir: Path) -> BasisRecogniser:
        """Build from data_dir/legal_documents.csv and data_dir/basis_categories.csv."""
        data_dir = Path(data_dir)
        return cls(
            load_documents(data_dir / "legal_documents.csv"),
            _load_categories(data_dir / "basis_categories.csv"),
        )

    def recognise(self, text: str, *, demo: bool = False) -> Recognition:
        """Recognise one ground line. Never raises; unrecognised lines get method None.

        Demo documents (demo_only) are matched only when `demo` is true.
        """
        if not isinstance(text, str) or not text:
            return Recognition(None, None, None, None, None)
        if not demo:
            return self._real._recognise_raw(text)
        return self._recognise_raw(text)

    # -- internals ---------------------------------------------------------------

    def _recognise_text(self, text: str) -> Recognition:
        return self._recognise_folded(fold_line(text))

    @staticmethod
    def _parse_number(folded: str, start: int = 0) -> _Number | None:
        match = _NUMBER_RE.search(folded, start)
        if match is None:
            return None
        return _Number(
            start=match.start(),
            end=match.end(),
            serial=match.group(1),
            year=match.group(2),
            segments=tuple(_SEGMENT_SPLIT.split(match.group(3))),
        )

    def _canonical_number(self, number: _Number, segments: Sequence[str]) -> str:
        suffix = "-".join(self._segment_spelling.get(seg, seg.upper()) for seg in segments)
        return (
            f"{number.serial}/{number.year}/{suffix}"
            if number.year
            else f"{number.serial}/{suffix}"
        )

    def _lookup_number(
        self, number: _Number, cited_date: date | None
    ) -> tuple[RegistryDocument | None, tuple[str, ...]]:
        """The registry document for a cited number, and the segments that matched.

        Trailing segments are dropped one by one, so that "263/QĐ-TTg - ..." read
        greedily as "263/qd-ttg-..." still finds 263/QĐ-TTg.
        """
        segments = number.segments
        for size in range(len(segments), 0, -1):
            doc = self._by_number.get(_number_key(number.serial, number.year, segments[:size]))
            if doc is None:
                continue
            # Numbers without a year ("263/QĐ-TTg", "1568/QĐ-UBND") are reused every
            # year: a cited date in another year means another document.
            if (
                number.year is None
                and cited_date is not None
                and doc.issue_date is not None
                and cited_date.year != doc.issue_date.year
            ):
                return None, segments
            return doc, segments[:size]
        # "263/2022/QĐ-TTg": a year written into a number that has none.
        if number.year is not None:
            doc = self._by_number.get(_number_key(number.serial, None, segments))
            if (
                doc is not None
                and doc.issue_date is not None
                and doc.issue_date.year == int(number.year)
            ):
                return doc, segments
        return None, segments

    def _find_name(
        self, folded: str, before: int | None
    ) -> tuple[int, int, tuple[RegistryDocument, ...]] | None:
        """The longest registry name in the line that is not a reference."""
        if self._name_re is None:
            return None
        best: tuple[int, int, tuple[RegistryDocument, ...]] | None = None
        for match in self._name_re.finditer(folded):
            start, end = match.start(1), match.end(1)
            if before is not None and start >= before:
                break
            if best is not None and end - start <= best[1] - best[0]:
                continue
            if _is_reference(folded, start):
                continue
            key = " ".join(_NOT_WORD.split(match.group(1))).strip()
            docs = self._by_name.get(key)
            if docs:
                best = (start, end, docs)
        return best

    def _amending_law(self, folded: str, name: str, cited_date: date) -> RegistryDocument | None:
        """The law issued on exactly cited_date that the line cites by a short form.

        Either its title contains the matched name and is not that name itself (the
        amending law of 22/11/2019 "… Luật Tổ chức chính quyền địa phương"), or the line
        opens with "Luật sửa đổi" and it is an amending law.
        """
        name_key = " ".join(_NOT_WORD.split(name)).strip()
        laws = self._laws_by_date.get(cited_date, ())
        if name_key:
            named = [doc for title, doc in laws if name_key in title and title != name_key]
            return named[0] if len(named) == 1 else None
        if _AMENDING_LAW.search(folded) is None:
            return None
        # "Luật sửa đổi … ngày …" names nothing else: only an unambiguous date decides.
        amending = [doc for title, doc in laws if title.startswith("luat sua doi")]
        return amending[0] if len(amending) == 1 else None

    def _keyword_category(self, folded: str) -> str | None:
        for code, pattern in self._keywords:
            for match in pattern.finditer(folded):
                if not _is_reference(folded, match.start()):
                    return code
        return None

    def _recognise_uncached(self, folded: str) -> Recognition:
        number = self._parse_number(folded)
        cited_number: str | None = None
        number_date: date | None = None
        if number is not None:
            following = self._parse_number(folded, number.end)
            _, number_date = first_date(folded, number.end, following.start if following else None)
            doc, segments = self._lookup_number(number, number_date)
            cited_number = self._canonical_number(number, segments)
            if doc is not None:
                return Recognition(
                    doc.doc_id, doc.basis_category, cited_number, number_date, "number"
                )

        # A line that cites an unknown number is about that document: only a name
        # written before the number can name it, and a number with a year wins over a
        # name ("Luật Tổ chức chính quyền địa phương số 72/2025/QH15" is not the 2015 law).
        name = self._find_name(folded, number.start if number else None)
        if name is not None:
            start, end, candidates = name
            cited_date = first_date(folded, start)[1]
            shared = {d.basis_category for d in candidates}
            category = shared.pop() if len(shared) == 1 else None
            if number is not None and number.year is not None:
                return Recognition(None, category, cited_number, number_date, "name")
            if cited_date is not None:
                exact = [d for d in candidates if d.issue_date == cited_date]
                amending = exact[0] if exact else None
                if amending is None:
                    amending = self._amending_law(folded, folded[start:end], cited_date)
                if amending is not None:
                    return Recognition(
                        amending.doc_id,
                        amending.basis_category,
                        cited_number,
                        cited_date,
                        "name_date",
                    )
                # The nearest issue date; a document whose date is unknown cannot be
                # near, and alone it is named without a date.
                dated = [d for d in candidates if d.issue_date is not None]
                if not dated:
                    doc = candidates[0] if len(candidates) == 1 else None
                    return Recognition(
                        doc.doc_id if doc else None,
                        doc.basis_category if doc else category,
                        cited_number,
                        cited_date,
                        "name_date" if doc else "name",
                    )
                doc = min(
                    dated,
                    key=lambda d: (abs((d.issue_date - cited_date).days), d.issue_date),
                )
                return Recognition(
                    doc.doc_id, doc.basis_category, cited_number, cited_date, "name_date"
                )
            if len(candidates) == 1:
                doc = candidates[0]
                return Recognition(doc.doc_id, doc.basis_category, cited_number, None, "name")
            return Recognition(None, category, cited_number, None, "name")
        if number is None and _AMENDING_LAW.search(folded):
            cited_date = first_date(folded)[1]
            amending = self._amending_law(folded, "", cited_date) if cited_date else None
            if amending is not None:
                return Recognition(
                    amending.doc_id, amending.basis_category, None, cited_date, "name_date"
                )

        cited_date = number_date if number is not None else first_date(folded)[1]
        category = self._keyword_category(folded)
        if category is not None:
            return Recognition(None, category, cited_number, cited_date, "keyword")
        return Recognition(None, None, cited_number, cited_date, None)
