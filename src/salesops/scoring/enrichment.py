"""S-1: enrichment providers — domain in, firmographics out.

The default provider is offline: a CSV firmographics file
(``SALESOPS_FIRMOGRAPHICS_PATH``) with the columns ``domain, name, industry,
employee_count, estimated_revenue, total_funding, country, us_state,
business_model`` (``b2b``/``b2c``). An HTTP provider (``SALESOPS_ENRICHMENT_URL``,
``SALESOPS_ENRICHMENT_API_KEY``) asks a real enrichment service, with a timeout
and a per-domain cache. With both configured, the file answers first and the
service fills the gaps.

Bad data never stops intake: a bad value is dropped and reported as a
``Problem`` with its file and line (logged, and listed by ``salesops enrichment
check FILE``); a failing service answers "nothing found".
"""

from __future__ import annotations

import csv
import logging
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import httpx

from salesops.core.addresses import registrable_domain
from salesops.core.config import Settings
from salesops.core.geo import country_code, us_state_code

log = logging.getLogger("salesops.enrichment")

COLUMNS = (
    "domain",
    "name",
    "industry",
    "employee_count",
    "estimated_revenue",
    "total_funding",
    "country",
    "us_state",
    "business_model",
)
_INT_FIELDS = ("employee_count", "estimated_revenue", "total_funding")
_MULTIPLIERS = {
    "": 1,
    "k": 1_000,
    "m": 1_000_000,
    "mm": 1_000_000,
    "b": 1_000_000_000,
    "bn": 1_000_000_000,
}
_NUMBER = re.compile(r"^\$?\s*(\d+(?:\.\d+)?)\s*(k|m|mm|b|bn)?$", re.IGNORECASE)


@dataclass(frozen=True)
class Problem:
    """A bad value in enrichment data, with where it was found."""

    source: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line is not None else self.source
        return f"{where}: {self.message}"


class Provider(Protocol):
    name: str

    def lookup(self, domain: str) -> dict[str, Any] | None:
        """Firmographics for a registrable domain, or None when unknown."""


def parse_number(value: Any) -> int | None:
    """``"1,200"``, ``"12m"``, ``"$1.5B"``, 42 → an int; ValueError for garbage or negatives."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a number")
    if isinstance(value, int | float):
        number = float(value)
    else:
        match = _NUMBER.match(str(value).strip().replace(",", "").replace("_", ""))
        if match is None:
            raise ValueError(f"{value!r} is not a number")
        number = float(match.group(1)) * _MULTIPLIERS[(match.group(2) or "").lower()]
    if number < 0 or number != number or number > 10**15:
        raise ValueError(f"{value!r} is out of range")
    return int(number)


def parse_record(
    raw: dict[str, Any], source: str, line: int | None
) -> tuple[dict[str, Any], list[Problem]]:
    """One provider record → clean firmographics (bad values dropped) and its problems."""
    out: dict[str, Any] = {}
    problems: list[Problem] = []

    def bad(message: str) -> None:
        problems.append(Problem(source, line, message))

    for key in ("name", "industry"):
        value = raw.get(key)
        if isinstance(value, str) and value.strip():
            out[key] = value.strip()[: 200 if key == "name" else 120]
    for key in _INT_FIELDS:
        try:
            number = parse_number(raw.get(key))
        except ValueError as exc:
            bad(f"{key}: {exc}")
            continue
        if number is not None:
            out[key] = number
    country = raw.get("country")
    if isinstance(country, str) and country.strip():
        code = country_code(country)
        if code is None:
            bad(f"country: unknown country {country!r}")
        else:
            out["country"] = code
    state = raw.get("us_state")
    if isinstance(state, str) and state.strip():
        st = us_state_code(state)
        if st is None:
            bad(f"us_state: unknown US state {state!r}")
        elif out.get("country", "US") != "US":
            bad(f"us_state: {state!r} given for country {out['country']}")
        else:
            out["us_state"] = st
    model = raw.get("business_model", raw.get("is_b2b"))
    if isinstance(model, bool):
        out["is_b2b"] = model
    elif isinstance(model, str) and model.strip():
        low = model.strip().lower()
        if low in ("b2b", "true", "yes", "1"):
            out["is_b2b"] = True
        elif low in ("b2c", "false", "no", "0"):
            out["is_b2b"] = False
        else:
            bad(f"business_model: {model!r} is not b2b or b2c")
    return out, problems


class CsvProvider:
    """The offline firmographics file, loaded once and reloaded when it changes."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.name = f"firmographics:{self.path.name}"
        self._lock = threading.Lock()
        self._stamp: tuple[float, int] | None = None
        self._rows: dict[str, dict[str, Any]] = {}
        self.problems: list[Problem] = []

    def _load(self) -> None:
        try:
            stat = self.path.stat()
        except OSError as exc:
            if self._stamp != (0.0, -1):
                self._rows, self.problems = {}, [Problem(str(self.path), None, str(exc))]
                log.warning("firmographics file unreadable: %s", exc)
                self._stamp = (0.0, -1)
            return
        stamp = (stat.st_mtime, stat.st_size)
        if stamp == self._stamp:
            return
        self._rows, self.problems = read_firmographics(self.path)
        self._stamp = stamp
        for problem in self.problems[:50]:
            log.warning("bad firmographics data: %s", problem)
        if len(self.problems) > 50:
            log.warning("… and %d more problems in %s", len(self.problems) - 50, self.path)

    def lookup(self, domain: str) -> dict[str, Any] | None:
        with self._lock:
            self._load()
            return self._rows.get(domain)


def read_firmographics(path: Path) -> tuple[dict[str, dict[str, Any]], list[Problem]]:
    """S-1: read a firmographics CSV; every bad line or value is reported, none is fatal."""
    source = str(path)
    rows: dict[str, dict[str, Any]] = {}
    problems: list[Problem] = []
    try:
        handle = path.open(newline="", encoding="utf-8-sig")
    except OSError as exc:
        return {}, [Problem(source, None, str(exc))]
    with handle:
        reader = csv.DictReader(handle)
        header = [h.strip().lower() for h in (reader.fieldnames or [])]
        reader.fieldnames = header
        if "domain" not in header:
            return {}, [Problem(source, 1, "missing required column 'domain'")]
        missing = [
            c
            for c in COLUMNS
            if c not in header and not (c == "business_model" and "is_b2b" in header)
        ]
        if missing:
            problems.append(Problem(source, 1, f"missing columns: {', '.join(missing)}"))
        try:
            for raw in reader:
                line = reader.line_num
                domain = registrable_domain(str(raw.get("domain") or ""))
                if domain is None:
                    message = f"domain: {raw.get('domain')!r} is not a domain"
                    problems.append(Problem(source, line, message))
                    continue
                if None in raw:
                    problems.append(Problem(source, line, "more values than columns"))
                record, bad = parse_record(raw, source, line)
                problems.extend(bad)
                if domain in rows:
                    message = f"domain {domain} listed again; kept the first"
                    problems.append(Problem(source, line, message))
                    continue
                rows[domain] = record
        except (csv.Error, UnicodeDecodeError) as exc:
            problems.append(Problem(source, reader.line_num, f"unreadable: {exc}"))
    return rows, problems


class HttpProvider:
    """A real enrichment service: ``GET {url}?domain=…`` with a Bearer key, cached per domain.

    A timeout, an error status or a malformed answer is logged and treated as
    "nothing found" (cached briefly, so a dead service does not slow every lead).
    """

    name = "enrichment:http"

    def __init__(
        self,
        url: str,
        api_key: str | None = None,
        *,
        timeout: float = 2.0,
        cache_seconds: float = 86_400,
        failure_cache_seconds: float = 60,
        monotonic: Callable[[], float] = time.monotonic,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.url = url
        self.api_key = api_key
        self.cache_seconds = cache_seconds
        self.failure_cache_seconds = failure_cache_seconds
        self._monotonic = monotonic
        self._cache: dict[str, tuple[float, dict[str, Any] | None]] = {}
        self._lock = threading.Lock()
        headers = {"Accept": "application/json"}
        if api_key:
            headers["Authorization"] = f"Bearer {api_key}"
        self._client = httpx.Client(timeout=timeout, headers=headers, transport=transport)
        self.problems: list[Problem] = []

    def lookup(self, domain: str) -> dict[str, Any] | None:
        now = self._monotonic()
        with self._lock:
            hit = self._cache.get(domain)
            if hit is not None and hit[0] > now:
                return hit[1]
        result, ok = self._fetch(domain)
        ttl = self.cache_seconds if ok else self.failure_cache_seconds
        with self._lock:
            if len(self._cache) > 10_000:
                self._cache.clear()
            self._cache[domain] = (now + ttl, result)
        return result

    def _fetch(self, domain: str) -> tuple[dict[str, Any] | None, bool]:
        try:
            response = self._client.get(self.url, params={"domain": domain})
        except httpx.HTTPError as exc:
            log.warning("enrichment service failed for %s: %s", domain, exc)
            return None, False
        if response.status_code == 404:
            return None, True
        if response.status_code != 200:
            log.warning("enrichment service answered %s for %s", response.status_code, domain)
            return None, False
        try:
            body = response.json()
        except ValueError:
            log.warning("enrichment service sent non-JSON for %s", domain)
            return None, False
        if not isinstance(body, dict):
            log.warning("enrichment service sent a non-object for %s", domain)
            return None, False
        record, problems = parse_record(body, f"{self.url}?domain={domain}", None)
        for problem in problems:
            log.warning("bad enrichment data: %s", problem)
        self.problems = (self.problems + problems)[-100:]
        return record, True

    def close(self) -> None:
        self._client.close()


class ChainProvider:
    """Several providers; earlier ones win, later ones fill the gaps (field by field)."""

    def __init__(self, providers: list[Provider]) -> None:
        self.providers = providers
        self.name = "+".join(p.name for p in providers)

    def lookup_with_sources(self, domain: str) -> list[tuple[str, dict[str, Any]]]:
        found = []
        for provider in self.providers:
            try:
                record = provider.lookup(domain)
            except Exception:  # a provider must never block intake (S-1)
                log.exception("enrichment provider %s failed for %s", provider.name, domain)
                record = None
            if record:
                found.append((provider.name, record))
        return found

    def lookup(self, domain: str) -> dict[str, Any] | None:
        merged: dict[str, Any] = {}
        for _, record in self.lookup_with_sources(domain):
            for key, value in record.items():
                merged.setdefault(key, value)
        return merged or None


_PROVIDERS: dict[tuple[Any, ...], ChainProvider] = {}
_PROVIDERS_LOCK = threading.Lock()


def provider_for(settings: Settings) -> ChainProvider:
    """The configured providers (file first, then HTTP), shared per configuration."""
    key = (
        str(settings.firmographics_path) if settings.firmographics_path else None,
        settings.enrichment_url,
        settings.enrichment_api_key,
        settings.enrichment_timeout_seconds,
        settings.enrichment_cache_seconds,
    )
    with _PROVIDERS_LOCK:
        chain = _PROVIDERS.get(key)
        if chain is None:
            providers: list[Provider] = []
            if settings.firmographics_path:
                providers.append(CsvProvider(settings.firmographics_path))
            if settings.enrichment_url:
                providers.append(
                    HttpProvider(
                        settings.enrichment_url,
                        settings.enrichment_api_key,
                        timeout=settings.enrichment_timeout_seconds,
                        cache_seconds=settings.enrichment_cache_seconds,
                    )
                )
            chain = ChainProvider(providers)
            _PROVIDERS[key] = chain
        return chain
