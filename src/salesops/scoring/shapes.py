"""R-1: the shapes of text the classifier reads besides phrases — links, stated volume,
seats and deal sizes, error codes and stack-trace lines.

Every pattern runs on the folded text (lower case) and is linear on hostile input:
possessive quantifiers, bounded digit runs and look-behinds, no nested repetition.
"""

from __future__ import annotations

import re

_LINK = re.compile(r"https?://|www\.")
# "40M events", "200k MAU": a number, an optional multiplier, a unit. Possessive
# quantifiers and the look-behind keep it linear on hostile input ("1.1.1.1…").
_VOLUME = re.compile(
    r"(?<![\d.,])(\d[\d,.]*+)\s*+(k|m|mm|million|billion|bn)?\s*+"
    r"(?:monthly active users|mau|maus|dau|events|active users|users|sessions|recordings)\b"
)
_MULTIPLIER = {"k": 1_000, "m": 1_000_000, "mm": 1_000_000, "million": 1_000_000}
MIN_STATED_VOLUME = 1_000  # "2 users" is a team, not usage volume
# "$60k", "€120k a year", "50k budget": a deal size or budget in thousands. A bill is
# written out ("$1,340"); "k" is how buyers talk about contract values.
_DEAL_SIZE = re.compile(
    r"(?:[$€£]\s?+\d{2,4}(?:[.,]\d)?\s?+k\b)"
    r"|(?:(?<![\w.,])\d{2,4}\s?+k\s?+(?:[$€£]|usd\b|eur\b|gbp\b|chf\b|budget\b|arr\b"
    r"|a year\b|per year\b|/year\b|annually\b))"
)
# "200 seats", "150 Lizenzen", "300 licences": a number of seats to buy.
_SEATS = re.compile(
    r"(?<![\d.,])(\d{2,6})\s?+(?:seats|licenses|licences|lizenzen|licencias|licencas"
    r"|licenze|licenties|plaatsen|ライセンス|席)"
)
# "for 200 users", "für 150 Nutzer", "voor 200 gebruikers", "100ユーザー": a team to buy for.
_FOR_USERS = re.compile(
    r"\b(?:for|fur|pour|para|per|voor)\s?+(?:about |around |ca\. |circa |environ |unos |cerca de )?"
    r"(\d{2,6})\s?+(?:users|nutzer|benutzer|utilisateurs|usuarios|utenti|gebruikers)\b"
    r"|(\d{2,6})\s?+ユーザー"
)
MIN_STATED_SEATS = 20
# "2,000 employees", "3.000 Mitarbeitern", "1 200 salariés", "従業員1,500名": a headcount.
_HEADCOUNT = re.compile(
    r"(?<![\d.,])(\d{1,3}(?:[,. ]\d{3})?+|\d{2,6})\s?+[-‑]?\s?+"
    r"(?:employees|staff|people company|person company|mitarbeiter|mitarbeitenden|mitarbeitende"
    r"|beschaftigte|salaries|employes|collaborateurs|empleados|colaboradores|funcionarios"
    r"|dipendenti|medewerkers|werknemers|engineers|developers|ingenieure|entwickler"
    r"|ingenieurs|developpeurs|ingenieros|desarrolladores|engenheiros|desenvolvedores"
    r"|ingegneri|sviluppatori|ontwikkelaars|エンジニア|名)"
    r"|従業員\s?+(\d{1,3}(?:,\d{3})?+|\d{2,6})"
)
MIN_HEADCOUNT = 50
# An error's shape without the word "error": "HTTP 503", "status 429", "returns 401", a
# stack-trace line "(index.js:12:5)" or "File \"app.py\", line 12". Status codes are
# found first (few per text); only the words just before each one are read.
_STATUS = re.compile(r"(?<!\d)[45]\d\d(?!\d)")
_STATUS_NAMED = re.compile(
    r"\b(?:http|status|statuscode|code|codigo|codice|returns?|returned|returning"
    r"|devuelve|devuelven|retorna|retornam|restituisce|renvoie|renvoient|liefert"
    r"|bekomme|bekommen|geeft|krijg|krijgen|recibo|recebo|ricevo|error|erro|erreur|errore"
    r"|fehler|fout)\s?+[:#]?\s?+(?:an? |un |uma? |een |ein |eine |de |d')?(?:http )?$"
)
# "413 Payload Too Large", "503 Service Unavailable": a status code and its reason.
_STATUS_REASON = re.compile(
    r"\s(?:payload too large|request entity too large|bad request|unauthorized|forbidden"
    r"|not found|method not allowed|conflict|gone|unprocessable|too many requests"
    r"|internal server error|bad gateway|service unavailable|gateway timeout|request timeout)"
)
_FILE_LINE = re.compile(r"\.(?:js|jsx|mjs|ts|tsx|py|rb|go|java|kt|swift|php|dart|cs):\d")
_PY_LINE = re.compile(r"line \d{1,6}, in ")
# Cheap gates (C substring search) before the regexes: most messages state no size.
_SEAT_UNITS = ("seat", "licen", "lizenz", "plaatsen", "ライセンス", "席")
_USER_UNITS = ("users", "nutzer", "utilisateurs", "usuarios", "utenti", "gebruikers", "ユーザー")
_HEAD_UNITS = (
    "engineer",
    "develop",
    "ingenie",
    "entwickler",
    "desarroll",
    "desenvolv",
    "ingegner",
    "svilupp",
    "ontwikkel",
    "エンジニア",
    "employ",
    "staff",
    "person",
    "people",
    "mitarbeit",
    "beschaftigte",
    "salaries",
    "collaborateurs",
    "empleados",
    "colaboradores",
    "funcionarios",
    "dipendenti",
    "medewerkers",
    "werknemers",
    "名",
    "従業員",
)


def _has(text: str, units: tuple[str, ...]) -> bool:
    return any(unit in text for unit in units)


def count_links(text: str) -> int:
    return len(_LINK.findall(text))


def states_volume(text: str) -> bool:
    """Usage volume of at least MIN_STATED_VOLUME ("40M events", "200k MAU")."""
    for match in _VOLUME.finditer(text):
        digits = match.group(1).replace(",", "").replace(".", "")[:15]
        scale = _MULTIPLIER.get(match.group(2) or "", 1_000_000_000 if match.group(2) else 1)
        if digits and int(digits) * scale >= MIN_STATED_VOLUME:
            return True
    return False


def states_seats(text: str) -> bool:
    """A number of seats or licences to buy, or users to buy for, at least MIN_STATED_SEATS."""
    if _has(text, _SEAT_UNITS) and any(
        int(m.group(1)) >= MIN_STATED_SEATS for m in _SEATS.finditer(text)
    ):
        return True
    return _has(text, _USER_UNITS) and any(
        int(m.group(1) or m.group(2)) >= MIN_STATED_SEATS for m in _FOR_USERS.finditer(text)
    )


def states_deal_size(text: str) -> bool:
    """A budget or contract value in thousands ("$60k", "120k a year")."""
    return "k" in text and _DEAL_SIZE.search(text) is not None


def quotes_error_shape(text: str) -> bool:
    """A status code next to its name, or a file-and-line of a stack trace."""
    for match in _STATUS.finditer(text):
        start, end = match.span()
        if (
            text.startswith("エラー", end)
            or _STATUS_REASON.match(text, end) is not None
            or _STATUS_NAMED.search(text, max(0, start - 24), start)
        ):
            return True
    return _FILE_LINE.search(text) is not None or _PY_LINE.search(text) is not None


def states_headcount(text: str) -> bool:
    """A company of at least MIN_HEADCOUNT people ("2,000 employees", "従業員1,500名")."""
    if not _has(text, _HEAD_UNITS):
        return False
    for match in _HEADCOUNT.finditer(text):
        digits = "".join(ch for ch in (match.group(1) or match.group(2)) if ch.isdigit())
        if digits and int(digits[:9]) >= MIN_HEADCOUNT:
            return True
    return False
