"""R-1's data files (``classifier_model.tsv``, ``classifier_combiner.tsv``): tab-separated
lines, ``#`` comments on top, a ``format`` line, ``key<TAB>values…`` settings and one
line of weights per feature. The two models differ only in their keys and how a weight
line is told apart; this is the reading and writing they share."""

from __future__ import annotations

from collections.abc import Callable, Iterable


def dumps(header: Iterable[str], fmt: str, settings: Iterable[str], rows: Iterable[str]) -> str:
    """The file's text: ``header`` as comments, the format line, then ``settings`` and
    ``rows`` (each already ``key<TAB>values``)."""
    lines = [f"# {line}" for line in header]
    lines.append(f"format\t{fmt}")
    lines.extend(settings)
    lines.extend(rows)
    return "\n".join(lines) + "\n"


def loads(
    text: str, fmt: str, weight: Callable[[str, list[str]], tuple[str, list[str]] | None]
) -> tuple[dict[str, list[str]], dict[str, tuple[float, ...]]]:
    """The settings (key → values) and the weights (feature → floats) of a file of format
    ``fmt``; ``weight(key, values)`` names a weight line's feature and its values, or
    None for a setting. A file of another format is refused."""
    head: dict[str, list[str]] = {}
    weights: dict[str, tuple[float, ...]] = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        key, *values = line.split("\t")
        found = weight(key, values)
        if found is not None:
            weights[found[0]] = tuple(float(v) for v in found[1])
        else:
            head[key] = values
    if head.get("format") != [fmt]:
        raise ValueError(f"not a {fmt} model file")
    return head, weights
