"""Reading a playbook file (P-1): YAML in, a validated ``Playbook`` or a precise error out.

Why line numbers: the people editing the playbook are sales admins, and
"validation failed" helps nobody. Every problem is reported as
``<source>:<line>: <key.path>: <message>`` — the key path as written in the
file and the line it sits on. To get there the YAML is composed into a node
tree once, every key path is mapped to its line, and the data is constructed
from the same tree.

The YAML loader resolves only ``true``/``false`` as booleans (YAML 1.2
behaviour): under YAML 1.1 the country code ``NO`` (Norway) silently becomes
``False``.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from importlib import resources
from os import PathLike
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from salesops.core.errors import ValidationFailed
from salesops.playbook.schema import Playbook
from salesops.playbook.schema_base import CrossFieldError, Loc, format_loc

_BOOL_TAG = "tag:yaml.org,2002:bool"


#: libyaml's parser when PyYAML was built with it (4x faster on the default playbook, which
#: the impact preview and every activation parse); the same resolvers either way.
_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _PlaybookYamlLoader(_BaseLoader):  # type: ignore[valid-type,misc]
    """SafeLoader whose only booleans are true/false (no yes/no/on/off)."""


_PlaybookYamlLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != _BOOL_TAG]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_PlaybookYamlLoader.add_implicit_resolver(
    _BOOL_TAG, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


class PlaybookError(ValidationFailed):
    """An invalid playbook (P-1); ``problems`` lists ``{key, line, message}`` per problem."""

    def __init__(self, source: str, problems: list[dict[str, Any]]) -> None:
        self.source = source
        self.problems = problems
        lines = [format_problem(source, p) for p in problems]
        count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
        detail = f"invalid playbook {source} ({count}):\n" + "\n".join(lines)
        first_key = problems[0]["key"] if problems else None
        super().__init__(detail, field=first_key, rule="P-1", extra={"problems": problems})


def format_problem(source: str, problem: dict[str, Any]) -> str:
    key = f" {problem['key']}:" if problem.get("key") else ""
    return f"{source}:{problem['line']}:{key} {problem['message']}"


def _index_lines(
    node: yaml.Node, path: Loc, lines: dict[Loc, int], problems: list[dict[str, Any]]
) -> None:
    """Record the 1-based line of every key path under ``node``; flag duplicate keys."""
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            child = (*path, key)
            if key in seen:
                problems.append(
                    {
                        "key": format_loc(child),
                        "line": key_node.start_mark.line + 1,
                        "message": "duplicate key (the later value would win silently)",
                    }
                )
            seen.add(key)
            lines[child] = key_node.start_mark.line + 1
            _index_lines(value_node, child, lines, problems)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            child = (*path, i)
            lines[child] = item.start_mark.line + 1
            _index_lines(item, child, lines, problems)


def _line_for(loc: Loc, lines: dict[Loc, int]) -> int:
    """The line of ``loc``, or of its nearest ancestor present in the file (missing keys)."""
    for end in range(len(loc), 0, -1):
        line = lines.get(loc[:end])
        if line is not None:
            return line
    return lines.get((), 1)


def _message(error: Any) -> str:
    if error["type"] == "extra_forbidden":
        return "unknown key (not part of the playbook schema)"
    if error["type"] == "missing":
        return "required key is missing"
    cause = (error.get("ctx") or {}).get("error")
    if error["type"] == "value_error" and isinstance(cause, ValueError):
        return str(cause)  # without pydantic's "Value error, " prefix
    return str(error["msg"])


def _problems_from(exc: ValidationError, lines: dict[Loc, int]) -> list[dict[str, Any]]:
    problems: list[dict[str, Any]] = []
    for error in exc.errors():
        base: Loc = tuple(part for part in error["loc"] if part != "[key]")
        cause = (error.get("ctx") or {}).get("error")
        if isinstance(cause, CrossFieldError):
            items = [((*base, *rel), msg) for rel, msg in cause.problems]
        else:
            items = [(base, _message(error))]
        for loc, message in items:
            problems.append(
                {"key": format_loc(loc), "line": _line_for(loc, lines), "message": message}
            )
    return sorted(problems, key=lambda p: (p["line"], p["key"]))


def load_playbook_text(text: str, source: str = "<playbook>") -> Playbook:
    """Parse and validate playbook YAML; raise ``PlaybookError`` naming each bad key and line."""
    loader = _PlaybookYamlLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        context = exc.context or ""
        if exc.context_mark is not None and exc.context_mark.line + 1 != line:
            context += f" (from line {exc.context_mark.line + 1})"
        what = ": ".join(p for p in (context, exc.problem) if p)
        raise PlaybookError(
            source, [{"key": None, "line": line, "message": f"YAML syntax error: {what}"}]
        ) from None
    except yaml.YAMLError as exc:
        raise PlaybookError(
            source, [{"key": None, "line": 1, "message": f"YAML error: {exc}"}]
        ) from None
    finally:
        loader.dispose()
    if node is None or not isinstance(data, dict):
        line = node.start_mark.line + 1 if node is not None else 1
        raise PlaybookError(
            source, [{"key": None, "line": line, "message": "the playbook must be a YAML mapping"}]
        )
    lines: dict[Loc, int] = {(): node.start_mark.line + 1}
    problems: list[dict[str, Any]] = []
    _index_lines(node, (), lines, problems)
    try:
        playbook = Playbook.model_validate(data)
    except ValidationError as exc:
        problems.extend(_problems_from(exc, lines))
    if problems:
        raise PlaybookError(source, problems)
    return playbook


def load_playbook_file(path: str | PathLike[str]) -> Playbook:
    """Load a playbook from a file; errors cite the file's path."""
    file = Path(path)
    return load_playbook_text(file.read_text(encoding="utf-8"), source=str(file))


def default_playbook_text() -> str:
    """The built-in default playbook (``default.yaml``), which encodes the spec."""
    return resources.files("salesops.playbook").joinpath("default.yaml").read_text("utf-8")


@lru_cache(maxsize=1)
def load_default_playbook() -> Playbook:
    """The built-in default playbook, parsed once per process."""
    return load_playbook_text(default_playbook_text(), source="default.yaml")


def playbook_digest(text: str) -> str:
    """SHA-256 hex of the exact text: identical files are the same version (P-2)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
