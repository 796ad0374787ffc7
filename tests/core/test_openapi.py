"""The OpenAPI document lists the problem responses (RFC 9457) every operation may give,
with ``application/problem+json`` and one ``Problem`` schema, so clients and schemathesis
validate the errors too (issue 13)."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from salesops.core.errors import PROBLEM

STATUSES = ("400", "401", "403", "404", "409", "413", "422", "429", "503")


def operations(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method.upper(), path, op)
        for path, ops in document["paths"].items()
        for method, op in ops.items()
    ]


def test_every_operation_lists_the_problem_responses(client: TestClient) -> None:
    document = client.get("/openapi.json").json()
    ops = operations(document)
    assert len(ops) > 40
    for method, path, op in ops:
        for status in STATUSES:
            response = op["responses"].get(status)
            assert response is not None, f"{method} {path} does not list {status}"
            assert list(response["content"]) == [PROBLEM], (method, path, status)
            assert response["content"][PROBLEM]["schema"] == {
                "$ref": "#/components/schemas/Problem"
            }
        assert "Retry-After" in op["responses"]["503"]["headers"]
    schemas = document["components"]["schemas"]
    assert schemas["Problem"]["required"] == ["type", "title", "status"]
    assert "HTTPValidationError" not in schemas  # FastAPI's 422, which the app never sends


def test_the_documented_problem_is_what_the_app_answers(
    client: TestClient, admin_headers: dict[str, str]
) -> None:
    """A framework 422 (a wrong type), a domain 404 and a 401 are all problem documents
    with the schema's required members."""
    schema = client.get("/openapi.json").json()["components"]["schemas"]["Problem"]
    answers = [
        client.get("/api/v1/tasks?limit=zero", headers=admin_headers),
        client.get("/api/v1/tasks/424242", headers=admin_headers),
        client.get("/api/v1/tasks"),
    ]
    assert [r.status_code for r in answers] == [422, 404, 401]
    for r in answers:
        assert r.headers["content-type"] == PROBLEM
        body = r.json()
        assert set(schema["required"]) <= set(body)
        assert body["status"] == r.status_code
        for name, value in body.items():
            if name in schema["properties"] and name != "errors":
                expected = schema["properties"][name]["type"]
                assert isinstance(value, int if expected == "integer" else str), (name, value)
