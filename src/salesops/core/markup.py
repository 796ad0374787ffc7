"""User-supplied text made safe for the places notifications put it (issue 13 item 11).

A contact form's name, company or message ends up in a Slack message and an
e-mail to the sales team. In Slack's mrkdwn, ``<…>`` is a control sequence
(``<!channel>`` pings everyone, ``<@U123>`` a person, ``<http://evil|Your bank>``
a link that shows other text than it opens), so ``&``, ``<`` and ``>`` are escaped as
Slack documents, and a bare ``@channel``/``@here``/``@everyone`` gets an invisible word
joiner so no workspace setting turns it into a ping. In an e-mail header, a line
break would start a new header (``Bcc:``): header values are one line.
"""

from __future__ import annotations

import re
import unicodedata

_SPECIAL_MENTION = re.compile(r"(?<![\w.+-])@(channel|here|everyone)\b", re.IGNORECASE)
_JOINER = "\u2060"  # WORD JOINER: invisible, breaks the mention


def mrkdwn(text: object) -> str:
    """``text`` as literal Slack mrkdwn: no mention, no link, no control sequence."""
    escaped = str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _SPECIAL_MENTION.sub(lambda m: "@" + _JOINER + m.group(1), escaped)


def one_line(text: object, *, limit: int | None = None) -> str:
    """``text`` on one line: every control character (CR, LF, tab, NUL, …) and Unicode
    line or paragraph separator becomes a space; runs of spaces collapse; cut to
    ``limit`` characters."""
    cleaned = "".join(
        " " if unicodedata.category(c) in ("Cc", "Zl", "Zp") else c for c in str(text)
    )
    line = " ".join(cleaned.split())
    return line[:limit] if limit is not None else line
