"""The API's documentation pages, ``/docs`` (Swagger UI) and ``/redoc``, served offline
(issue 17 item 9): their scripts and styles come from the pinned ``fastapi-offline``
package (its ``static/`` folder ships swagger-ui-dist 5 and Redoc 2 with their MIT
licences), mounted under ``/static/apidocs``; nothing is fetched from a CDN or Google
Fonts, the Swagger validator badge (an outside call) is off, and a Content-Security-Policy
keeps the browser on this server."""

from __future__ import annotations

from pathlib import Path

import fastapi_offline
from fastapi import FastAPI
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

ASSETS = Path(fastapi_offline.__file__).parent / "static"
URL = "/static/apidocs"
# Only this server: Redoc's footer shows a logo from its CDN, which the browser now
# refuses up front (the image hides itself when it fails to load).
CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:"
)


def install(app: FastAPI, openapi_url: str = "/openapi.json") -> None:
    """Mount the assets and add ``/docs`` and ``/redoc`` (before the ``/static`` mount)."""
    app.mount(URL, StaticFiles(directory=ASSETS), name="apidocs")

    @app.get("/docs", include_in_schema=False)
    def swagger_ui() -> HTMLResponse:
        page = get_swagger_ui_html(
            openapi_url=openapi_url,
            title=f"{app.title} API · Swagger UI",
            swagger_js_url=f"{URL}/swagger-ui-bundle.js",
            swagger_css_url=f"{URL}/swagger-ui.css",
            swagger_favicon_url=f"{URL}/favicon.png",
            oauth2_redirect_url=None,
            swagger_ui_parameters={"validatorUrl": None},
        )
        page.headers["content-security-policy"] = CSP
        return page

    @app.get("/redoc", include_in_schema=False)
    def redoc() -> HTMLResponse:
        page = get_redoc_html(
            openapi_url=openapi_url,
            title=f"{app.title} API · ReDoc",
            redoc_js_url=f"{URL}/redoc.standalone.js",
            redoc_favicon_url=f"{URL}/favicon.png",
            with_google_fonts=False,
        )
        page.headers["content-security-policy"] = CSP
        return page
