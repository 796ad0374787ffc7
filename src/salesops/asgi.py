"""``uvicorn salesops.asgi:app`` — the app built from environment settings, with this
process's background work (the pipeline drain at start-up and on a timer)."""

from salesops.app import create_app

app = create_app(background=True)
