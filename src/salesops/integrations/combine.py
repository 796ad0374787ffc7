"""Several coalesced deliveries as one message (issue 20; ``core.coalesce``): pure.

Each delivery is still told in full, in order — its text (Slack) or body (email), with
its link — under a line saying how many there are; a lone delivery is never combined
(it goes as written). Recipients come from the first (a group is one recipient).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from salesops.core.markup import one_line

Payload = dict[str, Any]
RULE = "\n\n" + "-" * 24 + "\n\n"


def slack_text(noun: str, keep: tuple[str, ...] = ()) -> Callable[[list[Payload]], Payload]:
    """Slack (a DM or the sales channel): the texts one after another; ``keep``: the
    first payload's fields that say where it goes (``user``, ``email`` of a DM)."""

    def combine(payloads: list[Payload]) -> Payload:
        first = payloads[0]
        texts = "\n\n".join(str(p.get("text", "")) for p in payloads)
        return {
            **{k: first[k] for k in keep if k in first},
            "text": f"{len(payloads)} {noun}:\n\n{texts}",
        }

    return combine


def email(payloads: list[Payload]) -> Payload:
    """An email: the first's recipients and sender; the subject says how many and what
    (their common "what:" before each subject's colon, when they share one); the body
    each body in turn; a Reply-To only when every one had the same."""
    first, n = payloads[0], len(payloads)
    subjects = [one_line(str(p.get("subject", ""))) for p in payloads]
    heads = {s.partition(":")[0] for s in subjects}
    if len(heads) == 1 and all(":" in s for s in subjects):
        subject = f"{heads.pop()} ({n}): " + "; ".join(
            s.partition(":")[2].strip() for s in subjects
        )
    else:
        subject = f"{n} notifications: " + "; ".join(subjects)
    out: Payload = {
        **{k: first[k] for k in ("to", "cc", "from") if first.get(k)},
        "subject": one_line(subject, limit=250),
        "body": f"{n} notifications:{RULE}" + RULE.join(str(p.get("body", "")) for p in payloads),
    }
    replies = {p.get("reply_to") for p in payloads}
    if len(replies) == 1 and first.get("reply_to"):
        out["reply_to"] = first["reply_to"]
    return out
