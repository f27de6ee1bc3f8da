"""Finding a bundle the way window staff type: Chinese, full pinyin (chusheng) or initials (cs)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from pypinyin import Style, lazy_pinyin

from core.catalog.model import Bundle, Catalog, Subject

_NOT_HAN = re.compile(r"[^\u3400-\u9fff]+")


@dataclass(frozen=True, slots=True)
class SearchKeys:
    """What a bundle can be found by: its texts, their full pinyin and their initials."""

    texts: tuple[str, ...]
    pinyin: tuple[str, ...]
    initials: tuple[str, ...]


def _han_runs(text: str) -> list[str]:
    return [run for run in _NOT_HAN.split(text) if run]


@lru_cache(maxsize=256)
def _keys_for(name: str, keywords: tuple[str, ...], category: str) -> SearchKeys:
    texts = (name, category, *keywords)
    runs = [run for text in texts for run in _han_runs(text)]
    # Heteronyms: pypinyin picks the reading in context (重庆 → chong qing, 银行 → yin hang).
    pinyin = tuple("".join(lazy_pinyin(run)) for run in runs)
    initials = tuple("".join(lazy_pinyin(run, style=Style.FIRST_LETTER)) for run in runs)
    return SearchKeys(texts, pinyin, initials)


def search_keys(bundle: Bundle) -> SearchKeys:
    return _keys_for(bundle.name, bundle.keywords, bundle.category)


def normalise_query(query: str) -> str:
    """Full-width letters to ASCII, lower case, no spaces or apostrophes (xi'an → xian)."""
    text = unicodedata.normalize("NFKC", query).lower()
    return "".join(ch for ch in text if not ch.isspace() and ch not in "'’")


def _score(bundle: Bundle, query: str) -> int:
    """0 = no match; higher is better. Name beats keyword beats pinyin beats initials."""
    keys = search_keys(bundle)
    name = bundle.name
    if name.startswith(query):
        return 100
    if query in name:
        return 90
    if any(query in text for text in keys.texts[1:]):
        return 80
    if query.isascii():
        if keys.pinyin and keys.pinyin[0].startswith(query):
            return 70
        if any(p.startswith(query) for p in keys.pinyin):
            return 65
        if any(query in p for p in keys.pinyin):
            return 60
        if len(query) >= 2 and any(i.startswith(query) for i in keys.initials):
            return 55
        if len(query) >= 2 and any(query in i for i in keys.initials):
            return 50
    return 0


def search_bundles(
    catalog: Catalog, query: str, *, subject: Subject | None = None, recent: Sequence[str] = ()
) -> list[Bundle]:
    """Bundles matching ``query``, best first; an empty query lists the recently used, then the rest.

    Ties keep catalog order, except that recently used bundles come first among equals.
    """
    q = normalise_query(query)
    pool = [b for b in catalog.bundles.values() if subject is None or b.subject is subject]
    rank_recent = {bundle_id: i for i, bundle_id in enumerate(recent)}
    if not q:
        return sorted(pool, key=lambda b: rank_recent.get(b.id, len(rank_recent)))
    scored = [(_score(b, q), b) for b in pool]
    hits = [(s, b) for s, b in scored if s > 0]
    hits.sort(key=lambda sb: (-sb[0], rank_recent.get(sb[1].id, len(rank_recent))))
    return [b for _, b in hits]


def categories(catalog: Catalog) -> dict[Subject, list[str]]:
    """Life events (persons) and enterprise stages (entities), in catalog order, for browsing."""
    out: dict[Subject, list[str]] = {Subject.PERSON: [], Subject.ENTITY: []}
    for bundle in catalog.bundles.values():
        if bundle.category not in out[bundle.subject]:
            out[bundle.subject].append(bundle.category)
    return out
