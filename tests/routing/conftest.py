"""Routing tests run the routing step alone: scoring and classification (issue 4) have their
own tests, and a lead here must reach routing whatever the classifier thinks of it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from salesops.flows import pipeline
from salesops.routing.service import route_task


@pytest.fixture(autouse=True)
def _routing_only(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    assert ("salesops.routing.service", "route_task") in pipeline.PIPELINE
    monkeypatch.setattr(pipeline, "steps", lambda: (route_task,))
    yield
