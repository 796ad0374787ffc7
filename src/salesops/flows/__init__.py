"""Flows: orchestration that strings domains together, above every domain it calls.

The new-lead pipeline (intake's queue → score → classify → route), manual entry,
conversion, a reclassification that re-opens and routes, edits whose scores follow,
a user who leaves the rotations, and bringing a database up (``bootstrap``). A lower
layer never calls up: it returns a fact, or writes a queue or outbox row, and a flow
acts on it. See docs/architecture.md.
"""
