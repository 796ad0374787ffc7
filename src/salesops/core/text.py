"""Text folding for phrase matching: one form for the text read and the phrases looked for.

``fold`` applies NFKC (full-width ``ＳＤＫ`` → ``sdk``, half-width katakana → full-width),
casefolds (``Straße`` → ``strasse``), drops Latin accents (``facturación`` →
``facturacion``, so a customer who types without accents still matches), unifies
apostrophes and collapses whitespace. Japanese voicing marks are kept: they change
the word. Every step is linear in the length of the text.
"""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u00b4": "'"})


def _is_latin_accent(ch: str) -> bool:
    """Combining diacritical marks (U+0300–U+036F): accents on Latin, Greek and Cyrillic."""
    return "\u0300" <= ch <= "\u036f"


def fold(text: str) -> str:
    """NFKC, casefold, Latin accents removed, apostrophes unified, whitespace collapsed."""
    text = unicodedata.normalize("NFKC", text).casefold().translate(_APOSTROPHES)
    decomposed = unicodedata.normalize("NFD", text)
    if any(_is_latin_accent(ch) for ch in decomposed):
        decomposed = "".join(ch for ch in decomposed if not _is_latin_accent(ch))
    return _SPACES.sub(" ", unicodedata.normalize("NFC", decomposed)).strip()


def is_unspaced(ch: str) -> bool:
    """Scripts written without spaces between words (Japanese, Chinese; Korean by syllable)."""
    code = ord(ch)
    return (
        0x3040 <= code <= 0x30FF  # hiragana, katakana
        or 0x3400 <= code <= 0x4DBF  # CJK extension A
        or 0x4E00 <= code <= 0x9FFF  # CJK unified ideographs
        or 0xF900 <= code <= 0xFAFF  # CJK compatibility ideographs
        or 0xAC00 <= code <= 0xD7AF  # hangul syllables
        or 0xFF66 <= code <= 0xFF9F  # half-width katakana (NFKC widens them anyway)
    )


def is_word_char(ch: str) -> bool:
    """A letter or digit of a spaced script: a phrase may not start or end inside a word.

    Characters of unspaced scripts are not word characters, so ``sdk`` is found in
    ``sdkのエラー`` and Japanese phrases are matched as substrings.
    """
    return (ch.isalnum() or ch == "_") and not is_unspaced(ch)
