"""``uvicorn salesops.asgi:app`` — the app built from environment settings."""

from salesops.app import create_app

app = create_app()
