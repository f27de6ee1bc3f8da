"""Finding any matter or "一件事" the way window staff type: Chinese, synonyms, full pinyin, initials, codes.

``SearchIndex.of(catalog)`` is built once per catalog (pinyin is precomputed: a few tenths of a
second for a 5,000-matter province, so build it off the GUI thread) and answers each keystroke
from a few joined strings, one per searchable column: prefixes by ``bisect`` in the column's
sorted values, substrings by ``str.find`` over the joined text with offsets mapped back to entries
by ``bisect``. A query that extends an earlier one (typing on) only re-checks the entries that
earlier query hit, so a keystroke stays around a millisecond at province scale
(bench/catalog_bench.py).

Ranking, best first: name prefix, name contains, keyword or synonym (assets/catalog/synonyms.json:
what people say → the official terms), code prefix (实施编码 or 基本编码), department name, pinyin
prefix, pinyin contains (three letters or more), initials (two or more); the name's pinyin before
a keyword's. Among equals the recently
used come first, then catalog order (bundles, then matters).
"""

from __future__ import annotations

import json
import logging
import threading
import unicodedata
from bisect import bisect_left, bisect_right
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from core.catalog.loader import default_root
from core.catalog.model import Bundle, Catalog, Matter, Subject
from core.catalog.spelling import Speller

log = logging.getLogger(__name__)

MATTER: Final = "matter"
BUNDLE: Final = "bundle"
BUNDLE_TYPE: Final = "一件事"  # what a bundle shows as its 事项类型
SYNONYMS_FILE: Final = "synonyms.json"

_SEP: Final = "\x00"  # starts every value in a column; normalise_query never lets it through
_LAST: Final = "\U0010ffff"  # sorts after any character a value holds
_DENSE: Final = 256  # past this many hits a scan goes entry by entry instead of find by find
_CONTAINS_FROM: Final = 3  # letters before pinyin is searched inside words, not only at their start
_MEMO_QUERIES: Final = 24  # earlier queries whose column hits are kept for narrowing


@dataclass(frozen=True, slots=True)
class Entry:
    """One result: a single matter or a bundle. ``Catalog.bundle(id)`` opens either for intake."""

    kind: str  # MATTER or BUNDLE
    id: str
    name: str
    dept: str  # department id (a bundle's lead department)
    dept_name: str
    subject: Subject  # a matter for persons and entities alike says PERSON here, with ``both``
    category: str  # life event or enterprise stage
    code: str  # 实施编码; "" for a bundle
    type: str  # 事项类型; "" unknown; BUNDLE_TYPE for a bundle
    limit_days: int | None  # the promised limit (0 即办); a bundle's longest; None unknown
    both: bool = False  # a matter for persons and entities alike (服务对象 both)

    def serves(self, subject: Subject) -> bool:
        return self.both or self.subject is subject


def normalise_query(query: str) -> str:
    """Full-width letters to ASCII, lower case, no spaces, apostrophes or control characters (xi'an → xian)."""
    text = unicodedata.normalize("NFKC", query).lower()
    return "".join(ch for ch in text if ch.isprintable() and not ch.isspace() and ch not in "'’")


def load_synonyms(path: Path | None = None) -> dict[str, tuple[str, ...]]:
    """Colloquial term → official terms, from ``assets/catalog/synonyms.json`` (our own vocabulary
    list). A missing or malformed file is logged and gives no synonyms: search still works."""
    path = path or default_root() / SYNONYMS_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        log.warning("no search synonyms: %s: %s", path, exc)
        return {}
    if not isinstance(data, dict):
        log.warning("no search synonyms: %s is not a JSON object", path)
        return {}
    out: dict[str, tuple[str, ...]] = {}
    for term, official in data.items():
        if term.startswith("_"):
            continue  # _comment
        if not isinstance(official, list) or not all(isinstance(o, str) and o.strip() for o in official):
            log.warning("search synonyms: %s: %r is not a list of terms, skipped", path, term)
            continue
        out[term] = tuple(official)
    return out


class _Column:
    """One searchable text per entry (values each led by _SEP), joined into one string for
    ``contains``, and its values sorted for ``prefix``."""

    __slots__ = ("owners", "rows", "sorted", "starts", "text")

    def __init__(self, rows: list[str]) -> None:
        self.rows = rows
        starts, at = [], 0
        for row in rows:
            starts.append(at)
            at += len(row)
        self.starts = starts
        self.text = "".join(rows)
        values, owners = [], []
        for i, row in enumerate(rows):
            for value in row.split(_SEP):
                if value:
                    values.append(value)
                    owners.append(i)
        # sorting indices by their strings holds the GIL for a few ms, sorting (str, int) pairs ~30
        order = sorted(range(len(values)), key=values.__getitem__)
        self.sorted = [values[k] for k in order]
        self.owners = [owners[k] for k in order]

    def prefix(self, q: str) -> list[int]:
        """Indices of the entries with a value starting with ``q``, ascending (a range of the
        sorted values: no scan)."""
        lo = bisect_left(self.sorted, q)
        hi = bisect_left(self.sorted, q + _LAST, lo)
        return sorted(set(self.owners[lo:hi]))

    def contains(self, needle: str, within: list[int] | None = None) -> list[int]:
        """Indices of the entries whose row contains ``needle``, ascending; only among ``within``
        (ascending) when given."""
        rows = self.rows
        if within is not None:
            return [i for i in within if needle in rows[i]]
        text, starts, n = self.text, self.starts, len(self.rows)
        out: list[int] = []
        at = text.find(needle)
        while at >= 0:
            i = bisect_right(starts, at) - 1
            out.append(i)
            if len(out) >= _DENSE:  # most entries match: one pass over the rest is cheaper
                out.extend(j for j, row in enumerate(rows[i + 1 :], i + 1) if needle in row)
                break
            if i + 1 >= n:
                break
            at = text.find(needle, starts[i + 1])
        return out


def _row(values: Iterable[str]) -> str:
    return "".join(_SEP + v for v in values if v)


# Column names, in the order the tiers read them.
_NAME, _KEYS, _CODE, _NAME_PY, _KEYS_PY, _NAME_IN, _KEYS_IN = range(7)


class SearchIndex:
    """Every matter and bundle of one catalog, searchable per keystroke. Immutable once built
    except for its narrowing memo (any thread; a race only loses a memo)."""

    def __init__(self, catalog: Catalog, synonyms: Mapping[str, Sequence[str]] | None = None) -> None:
        self.catalog = catalog
        depts = catalog.departments
        entries = [
            _bundle_entry(b, depts[b.lead].name if b.lead in depts else b.lead)
            for b in catalog.bundles.values()
        ]
        entries += [
            _matter_entry(m, depts[m.dept].name if m.dept in depts else m.dept)
            for m in catalog.matters.values()
        ]
        self.entries: tuple[Entry, ...] = tuple(entries)
        self._position = {e.id: i for i, e in enumerate(entries)}
        records: list[Bundle | Matter] = [*catalog.bundles.values(), *catalog.matters.values()]
        names = [normalise_query(e.name) for e in entries]
        keys = [[normalise_query(k) for k in (*r.keywords, r.category)] for r in records]
        name_col = _Column([_SEP + n for n in names])
        aliases = _aliases(synonyms if synonyms is not None else load_synonyms(), name_col, keys)
        for i, more in aliases.items():
            keys[i].extend(more)
        codes = [_row(normalise_query(c) for c in _codes(r)) for r in records]
        speller = Speller()
        name_spelt = [speller.spell(e.name) for e in entries]
        keys_spelt = [[speller.spell(k) for k in ks] for ks in keys]
        self._columns: tuple[_Column, ...] = (
            name_col,
            _Column([_row(ks) for ks in keys]),
            _Column(codes),
            _Column([_SEP + full for full, _ in name_spelt]),
            _Column([_row(full for full, _ in ks) for ks in keys_spelt]),
            _Column([_SEP + initials for _, initials in name_spelt]),
            _Column([_row(initials for _, initials in ks) for ks in keys_spelt]),
        )
        self._dept_names = {d.id: normalise_query(d.name) for d in depts.values()}
        self._by_dept: dict[str, list[int]] = {}
        for i, e in enumerate(entries):
            self._by_dept.setdefault(e.dept, []).append(i)
        self._memo: OrderedDict[str, dict[int, list[int]]] = OrderedDict()
        self._filters: dict[tuple[Subject | None, str | None], frozenset[int]] = {}

    # -- building once per catalog ----------------------------------------------------------------

    _cache: Final[list[tuple[Catalog, SearchIndex]]] = []  # the latest two catalogs' indexes
    _cache_lock: Final = threading.Lock()

    @classmethod
    def of(cls, catalog: Catalog) -> SearchIndex:
        """The index of ``catalog``, built on first use (tenths of a second at 5,000 matters:
        call it off the GUI thread first) and kept for the two latest catalogs."""
        with cls._cache_lock:
            for known, index in cls._cache:
                if known is catalog:
                    return index
            index = cls(catalog)
            cls._cache.insert(0, (catalog, index))
            del cls._cache[2:]
            return index

    @classmethod
    def cached(cls, catalog: Catalog) -> SearchIndex | None:
        """The index of ``catalog`` if it was built already (never builds, never waits long)."""
        for known, index in list(cls._cache):
            if known is catalog:
                return index
        return None

    # -- queries ----------------------------------------------------------------------------------

    def search(
        self,
        query: str,
        *,
        subject: Subject | None = None,
        kind: str | None = None,
        recent: Sequence[str] = (),
        limit: int | None = None,
    ) -> list[Entry]:
        """Entries matching ``query``, best first (module docstring); an empty query lists the
        recently used, then all. ``subject`` keeps entries serving it; ``kind`` MATTER or BUNDLE."""
        allowed = self._allowed(subject, kind)
        rank = {self._position[r]: n for n, r in enumerate(recent) if r in self._position}
        q = normalise_query(query)
        wanted = len(self.entries) if limit is None else max(0, limit)
        if not q:
            first = sorted(rank if allowed is None else allowed.intersection(rank), key=rank.__getitem__)
            rest = [
                i for i in range(len(self.entries)) if i not in rank and (allowed is None or i in allowed)
            ]
            return [self.entries[i] for i in (first + rest)[:wanted]]
        memo = self._memo_for(q)
        found: dict[int, list[int]] = {}
        recent_first = sorted(rank, key=rank.__getitem__)
        out: list[int] = []
        seen: set[int] = set()
        for hits in self._tiers(q, memo, found):
            if seen or allowed is not None:
                fresh = set(hits).difference(seen)
                if allowed is not None:
                    fresh.intersection_update(allowed)
                tier = sorted(fresh)
            else:
                tier = hits  # every tier's hits come ascending and distinct
            if not tier:
                continue
            seen.update(tier)
            mine = [i for i in recent_first if _holds(tier, i)]
            if mine:
                tier = mine + [i for i in tier if i not in rank]
            out.extend(tier)
            if len(out) >= wanted:
                break
        self._remember(q, found)
        return list(map(self.entries.__getitem__, out[:wanted]))

    def _tiers(
        self, q: str, memo: dict[int, list[int]] | None, found: dict[int, list[int]]
    ) -> Iterator[list[int]]:
        """Each tier's hits (entry indices), best tier first; lazily, so a ``limit`` met early
        skips the rest. ``contains`` scans narrow ``memo``'s hits (an earlier query's that ``q``
        extends) and leave theirs in ``found``."""
        columns = self._columns

        def contains(column: int) -> list[int]:
            hits = found[column] = columns[column].contains(q, memo.get(column) if memo is not None else None)
            return hits

        yield columns[_NAME].prefix(q)
        yield contains(_NAME)
        yield contains(_KEYS)
        spelt = q.isascii() and q.isalnum()
        if spelt:
            yield columns[_CODE].prefix(q)
        depts = [d for d, name in self._dept_names.items() if q in name]
        if depts:
            yield sorted(i for d in depts for i in self._by_dept.get(d, ()))
        if not spelt:
            return
        yield columns[_NAME_PY].prefix(q)
        yield columns[_KEYS_PY].prefix(q)
        if len(q) >= _CONTAINS_FROM:  # shorter: too many syllables hold two letters (sh, an)
            yield contains(_NAME_PY)
            yield contains(_KEYS_PY)
        if len(q) < 2:  # one letter: as above, what starts with it
            return
        yield columns[_NAME_IN].prefix(q)
        yield columns[_KEYS_IN].prefix(q)
        yield contains(_NAME_IN)
        yield contains(_KEYS_IN)

    def _memo_for(self, q: str) -> dict[int, list[int]] | None:
        """The ``contains`` hits of the longest earlier query that ``q`` extends or equals: q's
        hits are among them, column by column."""
        memo = self._memo
        for end in range(len(q), 0, -1):
            hits = memo.get(q[:end])
            if hits is not None:
                return hits
        return None

    def _remember(self, q: str, found: dict[int, list[int]]) -> None:
        memo = self._memo
        try:
            memo[q] = {**memo.pop(q, {}), **found}
            while len(memo) > _MEMO_QUERIES:
                memo.popitem(last=False)
        except KeyError:  # another thread trimmed it meanwhile: a memo is only a shortcut
            pass

    def _allowed(self, subject: Subject | None, kind: str | None) -> frozenset[int] | None:
        """The entries a filter keeps (None: no filter)."""
        if kind not in (None, MATTER, BUNDLE):
            raise ValueError(f"kind must be {MATTER!r} or {BUNDLE!r}, not {kind!r}")
        if subject is None and kind is None:
            return None
        allowed = self._filters.get((subject, kind))
        if allowed is None:
            allowed = self._filters[(subject, kind)] = frozenset(
                i
                for i, e in enumerate(self.entries)
                if (subject is None or e.serves(subject)) and (kind is None or e.kind == kind)
            )
        return allowed

    # -- browsing ---------------------------------------------------------------------------------

    def browse(
        self, *, dept: str | None = None, category: str | None = None, subject: Subject | None = None
    ) -> list[Entry]:
        """Entries of a department, a life event or enterprise stage, for a subject; catalog order."""
        pool = self.entries if dept is None else [self.entries[i] for i in self._by_dept.get(dept, ())]
        return [
            e
            for e in pool
            if (category is None or e.category == category) and (subject is None or e.serves(subject))
        ]

    def departments(self) -> list[tuple[str, str, int]]:
        """(id, name, number of entries) of every department that has any, in catalog order."""
        return [
            (d.id, d.name, len(self._by_dept[d.id]))
            for d in self.catalog.departments.values()
            if self._by_dept.get(d.id)
        ]

    def categories(self, subject: Subject) -> list[str]:
        """Life events (persons) or enterprise stages (entities) with entries, bundles' first."""
        return list(dict.fromkeys(e.category for e in self.entries if e.serves(subject)))


def _holds(ascending: list[int], value: int) -> bool:
    at = bisect_left(ascending, value)
    return at < len(ascending) and ascending[at] == value


def _bundle_entry(bundle: Bundle, dept_name: str) -> Entry:
    return Entry(
        kind=BUNDLE,
        id=bundle.id,
        name=bundle.name,
        dept=bundle.lead,
        dept_name=dept_name,
        subject=bundle.subject,
        category=bundle.category,
        code="",
        type=BUNDLE_TYPE,
        limit_days=bundle.limit_days if bundle.sub_matters else None,
    )


def _matter_entry(matter: Matter, dept_name: str) -> Entry:
    return Entry(
        kind=MATTER,
        id=matter.id,
        name=matter.name,
        dept=matter.dept,
        dept_name=dept_name,
        subject=Subject.ENTITY if matter.subject == "entity" else Subject.PERSON,
        category=matter.category,
        code=matter.code,
        type=matter.type,
        limit_days=matter.limit_days,
        both=matter.subject == "both",
    )


def _codes(record: Bundle | Matter) -> tuple[str, ...]:
    if isinstance(record, Bundle):
        return ()
    return (record.code, record.basic_code, *(item.code for item in record.items))


def _aliases(
    synonyms: Mapping[str, Sequence[str]], names: _Column, keys: list[list[str]]
) -> dict[int, list[str]]:
    """Entry index → the colloquial terms that lead to it: those whose official terms its name
    contains or one of its keywords equals."""
    keyword_owners: dict[str, list[int]] = {}
    for i, ks in enumerate(keys):
        for k in ks:
            keyword_owners.setdefault(k, []).append(i)
    out: dict[int, list[str]] = {}
    for term, official in synonyms.items():
        said = normalise_query(term)
        hits: set[int] = set()
        for o in official:
            o = normalise_query(o)
            if o:
                hits.update(names.contains(o))
                hits.update(keyword_owners.get(o, ()))
        for i in hits:
            if said and said not in out.setdefault(i, []):
                out[i].append(said)
    return out
