"""Invented customers and colleagues with unique addresses (each lead appears once in the
corpus, so outcomes never depend on the order messages are run in)."""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass

from .fmt import COMPANY, Person
from .langs import LANGS
from .texts import T

_CYR = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюяієїґ",
        [
            "a",
            "b",
            "v",
            "g",
            "d",
            "e",
            "e",
            "zh",
            "z",
            "i",
            "y",
            "k",
            "l",
            "m",
            "n",
            "o",
            "p",
            "r",
            "s",
            "t",
            "u",
            "f",
            "kh",
            "ts",
            "ch",
            "sh",
            "shch",
            "",
            "y",
            "",
            "e",
            "yu",
            "ya",
            "i",
            "ye",
            "yi",
            "g",
        ],
        strict=True,
    )
)
_GR = dict(
    zip(
        "αβγδεζηθικλμνξοπρσςτυφχψωάέήίόύώϊ",
        [
            "a",
            "v",
            "g",
            "d",
            "e",
            "z",
            "i",
            "th",
            "i",
            "k",
            "l",
            "m",
            "n",
            "x",
            "o",
            "p",
            "r",
            "s",
            "s",
            "t",
            "y",
            "f",
            "ch",
            "ps",
            "o",
            "a",
            "e",
            "i",
            "i",
            "o",
            "y",
            "o",
            "i",
        ],
        strict=True,
    )
)
_JA = {
    "陽菜": "hina",
    "健太": "kenta",
    "美咲": "misaki",
    "翔太": "shota",
    "由美": "yumi",
    "大輔": "daisuke",
    "彩": "aya",
    "拓也": "takuya",
    "佐藤": "sato",
    "鈴木": "suzuki",
    "高橋": "takahashi",
    "田中": "tanaka",
    "伊藤": "ito",
    "渡辺": "watanabe",
    "山本": "yamamoto",
    "中村": "nakamura",
    "小林": "kobayashi",
    "直樹": "naoki",
    "加藤": "kato",
    "恵": "megumi",
}
_SPECIAL = {"ß": "ss", "ł": "l", "ø": "o", "æ": "ae", "đ": "d", "ħ": "h", "ı": "i", "œ": "oe"}

FREE_MAIL = {
    "de": ["web.de", "gmx.de", "t-online.de"],
    "fr": ["orange.fr", "free.fr"],
    "it": ["libero.it"],
    "cs": ["seznam.cz"],
    "pl": ["wp.pl", "onet.pl"],
    "ru": ["mail.ru", "yandex.ru"],
    "uk": ["ukr.net"],
    "ja": ["yahoo.co.jp"],
    "bg": ["abv.bg"],
    "en": ["gmail.com", "outlook.com"],
}


def latin(text: str) -> str:
    """An ASCII mailbox spelling of a name (transliterated, accents dropped)."""
    if text in _JA:
        return _JA[text]
    out = []
    for ch in text.lower():
        if ch in _CYR:
            out.append(_CYR[ch])
        elif ch in _GR:
            out.append(_GR[ch])
        elif ch in _SPECIAL:
            out.append(_SPECIAL[ch])
        else:
            out.append(ch)
    flat = unicodedata.normalize("NFKD", "".join(out))
    return "".join(c for c in flat if c.isascii() and (c.isalnum()))


class Registry:
    """Hands out people whose addresses are unique across the corpus."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def _unique(self, local: str, domain: str) -> str:
        email = f"{local}@{domain}"
        n = 2
        while email in self.used:
            email = f"{local}{n}@{domain}"
            n += 1
        self.used.add(email)
        return email

    def customer(self, lang: str, rng: random.Random, *, free_mail: bool = False) -> Customer:
        t = T[lang]
        first, last = rng.choice(t.first), rng.choice(t.last)
        company, stem = rng.choice(t.companies)
        name = f"{last} {first}" if lang == "ja" else f"{first} {last}"
        if lang == "hu":
            name = f"{last} {first}"
        fl, ll = latin(first), latin(last)
        shape = rng.choice(["{f}.{l}", "{f}.{l}", "{fi}.{l}", "{f}", "{f}{l}", "{l}"])
        local = shape.format(f=fl, l=ll, fi=fl[:1])
        domain = f"{stem}.{LANGS[lang].tld}"
        if free_mail:
            domain = rng.choice(FREE_MAIL.get(lang, ["gmail.com"]))
            local = f"{fl}.{ll}{rng.randrange(10, 99)}"
        return Customer(Person(name, self._unique(local, domain)), company, domain, first)

    def colleague(self, lang: str, rng: random.Random) -> Person:
        """A colleague at the company (not unique: colleagues forward many mails)."""
        full = rng.choice(T[lang].colleagues)
        parts = full.split()
        return Person(full, f"{latin(parts[0])}.{latin(parts[-1])}@{COMPANY}")

    def external(self, local: str, domain: str, name: str = "") -> Person:
        return Person(name, self._unique(local, domain))


@dataclass(frozen=True)
class Customer:
    person: Person
    company: str
    domain: str
    first: str
