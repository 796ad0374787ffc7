"""Issue 15 (task h15u): every forward layout of the holdout2 generator in every one of its
languages, and every sender form in every header-block shape, through ``read_mail`` (no
database) — the grid the second held-out corpus samples from (I-4)."""

from __future__ import annotations

import html

import pytest

from salesops.core.config import Settings
from salesops.intake.mail import read_mail
from tests.conftest import PG_URL
from tests.data.mail.gen.h2_clients import CLIENTS
from tests.data.mail.gen.h2_forwards import SHAPES, body_bytes, orig_for, outer
from tests.data.mail.gen.h2_langs import LANGS
from tests.data.mail.gen.h2_mime import COLLEAGUES, part

# No database here: once, on the SQLite pass of ``make test``.
pytestmark = pytest.mark.skipif(bool(PG_URL), reason="database-free; run on the SQLite pass")
SETTINGS = Settings(_env_file=None)  # type: ignore[call-arg]


def lead(raw: bytes) -> str | None:
    read = read_mail(SETTINGS, raw)
    assert read.robot is None
    return read.original.email if read.original else None


@pytest.mark.slow
@pytest.mark.parametrize("client", sorted(CLIENTS))
def test_i4_every_layout_in_every_language_gives_the_customer(client: str) -> None:
    misses = []
    for n, (code, L) in enumerate(sorted(LANGS.items())):
        colleague = COLLEAGUES[n % 4]
        o = orig_for(L, 5000 + n, colleague)
        plain, markup = CLIENTS[client](L, o)
        shape = SHAPES[n % len(SHAPES)]
        body = body_bytes(plain, markup, shape, L.charset if n % 2 else "utf-8", f"g{n}")
        raw = outer(n, L, colleague, f"{L.prefix} {o.subject}", body)
        if lead(raw) != o.email:
            misses.append((code, shape))
    assert misses == []


SENDERS = (
    "Jane Roe <{e}>", '"Roe, Jane" <{e}>', "{e}", "<{e}>", "Jane Roe [mailto:{e}]",
    "Jane Roe ({e})", '"{e}" <{e}>', "Jane Roe <{e}<mailto:{e}>>", "ACME: Jane Roe <{e}>",
)  # fmt: skip


def shapes(fields: list[tuple[str, str]]) -> dict[str, tuple[str, str]]:
    cells = [(html.escape(k), html.escape(v)) for k, v in fields]
    return {
        "plain": ("plain", "\n".join(f"{k} {v}" for k, v in fields)),
        "blank-lines": ("plain", "\n\n".join(f"{k} {v}" for k, v in fields)),
        "split-lines": ("plain", "\n".join(f"{k}\n{v}" for k, v in fields)),
        "bold": ("plain", "\n".join(f"**{k}** {v}" for k, v in fields)),
        "html-table": (
            "html",
            "<table>"
            + "".join(f"<tr><td><b>{k}</b></td><td>{v}</td></tr>" for k, v in cells)
            + "</table>",
        ),
        "html-paras": ("html", "".join(f"<p><b>{k}</b> {v}</p>" for k, v in cells)),
    }


@pytest.mark.slow
@pytest.mark.parametrize("code", sorted(LANGS))
def test_i4_every_sender_form_in_every_block_shape(code: str) -> None:
    L = LANGS[code]
    misses = []
    for n, form in enumerate(SENDERS):
        email = f"jane.roe{n}@acme-widgets.io"
        fields = [(L.frm, form.format(e=email)), (L.sent, L.when),
                  (L.to, "Kim <kim@example.com>"), (L.subj, "Pricing")]  # fmt: skip
        for name, (kind, block) in shapes(fields).items():
            if kind == "plain":
                body = part("text/plain", f"{L.note}\n\n{'_' * 32}\n{block}\n\nHello\n")
            else:
                body = part("text/html", f"<p>{html.escape(L.note)}</p><hr>{block}<p>Hi</p>")
            raw = outer(n, L, COLLEAGUES[n % 4], f"{L.prefix} Pricing", body)
            if lead(raw) != email:
                misses.append((form, name))
    assert misses == []
