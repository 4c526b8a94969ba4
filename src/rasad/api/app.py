"""The HTTP API and the dashboard, served by one process (``rasad serve``).

``create_app(db_url)`` builds a self-contained app over one store, so tests and embedders
run exactly what users run.  Every refusal is a JSON body ``{"error", "message", ...}`` with
a 4xx status; an unexpected failure is logged on the server and answered with a 500 that
says nothing about the internals.
"""

from __future__ import annotations

import dataclasses
import hmac
import json
import logging
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, Header, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from rasad import __version__
from rasad.api.limits import BodyLimit
from rasad.api.markers import markers as marker_query
from rasad.api.params import ID_MAX, MAX_MARKERS, MAX_OFFSET, MAX_PAGE, ParamError, echo, event_filters
from rasad.api.schemas import Article, IngestRequest
from rasad.api.security import SecurityHeaders
from rasad.api.shapes import MARKER_FIELDS, feature_collection
from rasad.errors import RasadError
from rasad.store import EventFilter

log = logging.getLogger("rasad.api")

EXTRACT_BODY_LIMIT = 1_000_000
"""An article of MAX_ARTICLE_CHARS Arabic characters is ~200 kB as JSON; 1 MB leaves room."""
INGEST_BODY_LIMIT = 16_000_000
OTHER_BODY_LIMIT = 64_000

STATUS_NAMES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "invalid_request",
    429: "too_many_requests",
}


# Parameter types shared by the endpoints (module level: FastAPI resolves annotations here).
Page = Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"page size (at most {MAX_PAGE})")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET)]
Id = Annotated[str, PathParam(max_length=ID_MAX)]
F = Annotated[EventFilter, Depends(event_filters)]
MarkerLimit = Annotated[int, Query(ge=1, le=MAX_MARKERS)]
Format = Annotated[Literal["json", "geojson"], Query(description="json or geojson (a FeatureCollection)")]
Authorization = Annotated[str | None, Header(description="Bearer <token>")]


def static_dir() -> Path:
    """Where the dashboard's files are, inside the installed package."""
    return Path(str(resources.files("rasad.web") / "static"))


def found(item: dict[str, Any] | None, what: str, key: str) -> dict[str, Any]:
    """The item, or a 404 naming what was not found."""
    if item is None:
        raise HTTPException(404, f"no {what} {key!r}")
    return item


def _problems(exc: RequestValidationError) -> list[dict[str, str]]:
    """Validation errors without the offending input echoed back (it may be huge or hostile)."""
    out = []
    for err in exc.errors():
        loc = [str(x) for x in err.get("loc", ()) if x not in ("query", "body", "path", "header")]
        out.append({"param": ".".join(loc) or "body", "problem": str(err.get("msg", "invalid"))})
    return out[:20]


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = _problems(exc)
        first = problems[0] if problems else {"param": "body", "problem": "invalid"}
        return JSONResponse(
            status_code=422,
            content={"error": "invalid_request", "message": f"{first['param']}: {first['problem']}",
                     "problems": problems},
        )

    @app.exception_handler(ParamError)
    async def _param(request: Request, exc: ParamError) -> JSONResponse:
        return JSONResponse(
            status_code=422,
            content={"error": "invalid_parameter", "message": str(exc),
                     "problems": [{"param": exc.param, "problem": exc.problem}]},
        )

    @app.exception_handler(RasadError)
    async def _input(request: Request, exc: RasadError) -> JSONResponse:
        return JSONResponse(status_code=422, content={"error": "invalid_input", "message": str(exc)})

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        detail = exc.detail if isinstance(exc.detail, str) else "error"
        return JSONResponse(
            status_code=exc.status_code,
            content={"error": STATUS_NAMES.get(exc.status_code, "error"), "message": detail},
            headers=getattr(exc, "headers", None),
        )

    @app.exception_handler(Exception)
    async def _internal(request: Request, exc: Exception) -> JSONResponse:
        log.exception("internal error on %s %s", request.method, request.url.path)
        return JSONResponse(
            status_code=500, content={"error": "internal_error", "message": "internal error; see the server log"}
        )


def create_app(
    db_url: str,
    *,
    ingest_token: str | None = None,
    cors_origins: list[str] | None = None,
    dashboard: bool = True,
) -> FastAPI:
    """The API (and dashboard) over the store at ``db_url``.

    ``ingest_token`` (default: ``$RASAD_INGEST_TOKEN``) switches on ``POST /api/ingest``;
    without it the endpoint does not exist.  CORS is off unless origins are given.
    """
    from rasad.store import Store

    token = (ingest_token if ingest_token is not None else os.environ.get("RASAD_INGEST_TOKEN")) or None
    store = Store.open(db_url)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(
        title="rasad API",
        version=__version__,
        description="Structured, geocoded, source-attributed conflict events read from Arabic news. "
        "Every value points at the characters it was read from.",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.store = store
    _install_error_handlers(app)

    @app.get("/api/health", tags=["meta"])
    def health() -> dict[str, Any]:
        return {"status": "ok", "version": __version__, "ingest": token is not None}

    @app.post("/api/extract", tags=["extraction"])
    def extract(article: Article) -> dict[str, Any]:
        """Read one article and return rasad.extraction/1 JSON (nothing is stored)."""
        from rasad.pipeline import default_pipeline

        doc = default_pipeline().extract(
            article.text, id=article.doc_id(), published=article.published, title=article.title,
            outlet=article.outlet, url=article.url,
        )
        return doc.to_json()

    @app.get("/api/events", tags=["events"])
    def events(
        f: F,
        limit: Page = 100,
        offset: Offset = 0,
        format: Format = "json",
    ) -> Any:
        """Events matching the filters, newest first, a page at a time."""
        total = store.count_events(f)
        rows = store.query_events(f, limit=limit, offset=offset)
        page = {"total": total, "limit": limit, "offset": offset, "filters": echo(f)}
        if format == "geojson":
            return feature_collection(rows, **page)
        return page | {"events": rows}

    @app.get("/api/markers", tags=["events"])
    def markers(f: F, limit: MarkerLimit = MAX_MARKERS) -> Response:
        """Compact rows for the map: one per located event (the card fetches the rest)."""
        total = store.count_events(f)
        types, rows, unlocated = marker_query(store, f, limit)
        body = {"total": total, "truncated": total > len(rows) + unlocated, "unlocated": unlocated,
                "fields": list(MARKER_FIELDS), "types": types, "rows": rows}
        # serialised directly: FastAPI's generic encoder walks 10,000 rows for nothing
        return Response(json.dumps(body, ensure_ascii=False, separators=(",", ":")), media_type="application/json")

    @app.get("/api/events/{event_id}", tags=["events"])
    def event(event_id: Id) -> dict[str, Any]:
        return found(store.get_event(event_id), "event", event_id)

    @app.get("/api/clusters", tags=["clusters"])
    def clusters(f: F, limit: Page = 100, offset: Offset = 0) -> dict[str, Any]:
        """Groups of reports of the same event by different sources."""
        rows = store.list_clusters(f, limit=limit, offset=offset)
        return {"limit": limit, "offset": offset, "filters": echo(f), "clusters": rows}

    @app.get("/api/clusters/{cluster_id}", tags=["clusters"])
    def cluster(cluster_id: Id) -> dict[str, Any]:
        """One cluster: its member events, each source's claim, and where they contradict."""
        return found(store.get_cluster(cluster_id), "cluster", cluster_id)

    @app.get("/api/documents/{doc_id}", tags=["documents"])
    def document(doc_id: Id) -> dict[str, Any]:
        """A stored article with every span read from it (rasad.extraction/1)."""
        return found(store.get_document(doc_id), "document", doc_id)

    @app.get("/api/stats", tags=["events"])
    def stats(f: F) -> dict[str, Any]:
        """Counts by type, by day and type (the timeline), and by country."""
        return store.stats(f)

    if token is not None:
        _add_ingest(app, store, token)

    if dashboard:
        _add_dashboard(app)

    app.add_middleware(GZipMiddleware, minimum_size=2048)
    if cors_origins:
        app.add_middleware(
            CORSMiddleware, allow_origins=cors_origins, allow_methods=["GET", "POST"],
            allow_headers=["Content-Type", "Authorization"],
        )
    app.add_middleware(SecurityHeaders)
    app.add_middleware(
        BodyLimit, limits={"/api/extract": EXTRACT_BODY_LIMIT, "/api/ingest": INGEST_BODY_LIMIT},
        default=OTHER_BODY_LIMIT, guards={"/api/ingest": lambda scope: token is not None and bearer_ok(scope, token)},
    )
    return app


def token_matches(authorization: str | None, token: str) -> bool:
    return bool(authorization and authorization.startswith("Bearer ")
                and hmac.compare_digest(authorization[7:].encode(), token.encode()))


def bearer_ok(scope: Any, token: str) -> bool:
    """The raw request carries the right bearer token (checked before reading its body)."""
    for name, value in scope.get("headers", []):
        if name == b"authorization":
            return token_matches(value.decode("latin-1"), token)
    return False


def _add_ingest(app: FastAPI, store: Any, token: str) -> None:
    def require_token(authorization: Authorization = None) -> None:
        """Checked before the body is even parsed: strangers learn nothing about the payload."""
        if not authorization or not authorization.startswith("Bearer "):
            raise HTTPException(401, "missing bearer token", headers={"WWW-Authenticate": "Bearer"})
        if not token_matches(authorization, token):
            raise HTTPException(403, "wrong token")

    @app.post("/api/ingest", tags=["extraction"], dependencies=[Depends(require_token)])
    def ingest(batch: IngestRequest) -> dict[str, Any]:
        """Read a batch of articles and store them, all or nothing (needs the ingest token)."""
        from rasad.pipeline import default_pipeline

        pipe = default_pipeline()
        docs = []
        for i, a in enumerate(batch.documents):
            try:
                docs.append(pipe.extract(a.text, id=a.doc_id(), published=a.published, title=a.title,
                                         outlet=a.outlet, url=a.url))
            except RasadError as e:
                raise ParamError(f"documents.{i}", getattr(e, "problem", str(e))) from None
        run_id = store.start_run(f"POST /api/ingest ({len(docs)} documents)")
        try:
            result = store.add_documents(docs, run_id=run_id)
        except Exception:
            store.finish_run(run_id, "failed")
            raise
        store.finish_run(run_id)
        out = dataclasses.asdict(result) if dataclasses.is_dataclass(result) and not isinstance(result, type) \
            else dict(result)
        return {"run_id": run_id, "documents": [d.id for d in docs], "events": sum(len(d.events) for d in docs),
                "result": out}


def _add_dashboard(app: FastAPI) -> None:
    root = static_dir()
    app.mount("/static", StaticFiles(directory=root), name="static")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(root / "index.html", media_type="text/html; charset=utf-8")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/openapi.json", title="rasad API",
            swagger_js_url="/static/vendor/swagger-ui/swagger-ui-bundle.js",
            swagger_css_url="/static/vendor/swagger-ui/swagger-ui.css",
            swagger_favicon_url="/static/favicon.svg",
        )

