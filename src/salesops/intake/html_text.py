"""HTML mail bodies as readable text (I-3, I-4): lxml (libxml2) parses in linear time
(the standard library's ``HTMLParser`` takes minutes on some 60 KB inputs, issue 13);
the input is cut at ``MAX_HTML_CHARS`` and the tree walked without recursion."""

from __future__ import annotations

import re
from urllib.parse import unquote

import lxml.etree
import lxml.html

MAX_HTML_CHARS = 1_000_000


_BLOCK_TAGS = {"p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "table"}
_BLOCK_TAGS |= {"blockquote", "pre"}
_VOID_TAGS = {"br", "hr"}  # one line break, not one at each end
_SKIP_TAGS = {"script", "style", "head", "title"}
HR_LINE = "_" * 32  # how Outlook's own text alternative renders its <hr>
_TAG = re.compile(r"<[^<>]*>")  # no '<' inside: linear on "<<<<…"


def html_to_text(html: str) -> str:
    """Readable text from HTML: block elements become line breaks; mailto links keep
    their address (Outlook's HTML forwards name the sender only in the link).

    lxml (libxml2) parses in linear time; the input is cut at ``MAX_HTML_CHARS``
    and the tree walked without recursion."""
    html = html[:MAX_HTML_CHARS]
    parser = lxml.html.HTMLParser(
        encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True
    )
    try:
        root = lxml.html.document_fromstring(html.encode("utf-8", "replace"), parser=parser)
    except (lxml.etree.LxmlError, ValueError):  # e.g. "Document is empty"
        return _layout(_TAG.sub(" ", html))
    parts: list[str] = []
    mailto: list[str | None] = []
    skip = 0
    for event, el in lxml.etree.iterwalk(root, events=("start", "end")):
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if event == "start":
            if tag in _SKIP_TAGS:
                skip += 1
            elif tag == "hr":  # a rule is a separator line, as in the text alternative
                parts.append("\n" + HR_LINE + "\n")
            elif tag in _BLOCK_TAGS:
                parts.append("\n")
            elif tag == "a":
                href = el.get("href") or ""
                # percent-encoded (RFC 6068: an IDN domain as UTF-8 octets)
                mailto.append(unquote(href[7:]) if href.lower().startswith("mailto:") else None)
            if not skip and el.text:
                parts.append(el.text)
            continue
        if tag in _SKIP_TAGS:
            skip = max(0, skip - 1)
        elif tag in _BLOCK_TAGS and tag not in _VOID_TAGS:
            parts.append("\n")
        elif tag == "a" and mailto:
            addr = mailto.pop()
            if addr and addr.split("?")[0] not in "".join(parts[-3:]):
                parts.append(f" <{addr.split('?')[0]}>")
        if not skip and el.tail:
            parts.append(el.tail)
    return _layout("".join(parts))


def _layout(text: str) -> str:
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
