"""How staff spell Chinese on a keyboard: full pinyin without tones (出生 → chusheng) and initials (cs)."""

from __future__ import annotations

import re
import unicodedata
from typing import Final

from pypinyin import lazy_pinyin

_HAN_OR_NOT: Final = re.compile(r"([\u3400-\u9fff]+)")


class Speller:
    """Spells texts, remembering each run of Han characters it has seen (keywords and categories
    repeat across thousands of matters). Not thread-safe: one per index build."""

    def __init__(self) -> None:
        self._runs: dict[str, tuple[str, str]] = {}

    def spell(self, text: str) -> tuple[str, str]:
        """(full pinyin, initials), lower case. Han characters are read in context by pypinyin
        (重庆 → chongqing, 银行 → yinhang; ü as v: 绿 → lv); letters and digits stay as typed;
        everything else is dropped."""
        full: list[str] = []
        initials: list[str] = []
        for part in _HAN_OR_NOT.split(text):
            if not part:
                continue
            if "\u3400" <= part[0] <= "\u9fff":
                spelt = self._runs.get(part)
                if spelt is None:
                    syllables = lazy_pinyin(part, v_to_u=False)
                    spelt = self._runs[part] = ("".join(syllables), "".join(s[:1] for s in syllables))
                full.append(spelt[0])
                initials.append(spelt[1])
            else:
                kept = "".join(
                    ch for ch in unicodedata.normalize("NFKC", part).lower() if ch.isascii() and ch.isalnum()
                )
                full.append(kept)
                initials.append(kept)
        return "".join(full), "".join(initials)
