"""The FastAPI application: HTML pages (Jinja2) and the JSON API under ``/api/``.

Every request opens the database read-only (:class:`~eventcoder.store.Store`), asks it
through its typed methods (only ``store/`` talks SQL) and closes it.  Inputs are checked
by the pydantic models of ``_params``; every error becomes one JSON shape (API) or an
error page (HTML), with status 400 or 404 — never a traceback.
"""

from __future__ import annotations

import atexit
import dataclasses
import datetime as dt
import logging
import math
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Depends, FastAPI, Path as PathParam, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..errors import ConfigError, EventcoderError
from ..events.lexicon import cameo_name, default_lexicon
from ..model import Event, to_dict
from ..store import NO_COUNTRY, CountRow, Store
from ._assets import plotly_js_path, world_outlines
from ._params import CountQuery, EventQuery, MapQuery, NetworkQuery, PageQuery, TimelineQuery, known_codes

log = logging.getLogger(__name__)

__all__ = ["create_app"]

_HERE = Path(__file__).resolve().parent
QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}
_EVENT_ID = r"^[0-9a-f]{8,64}$"


# ---------------------------------------------------------------- the one error shape
class ErrorDetail(BaseModel):
    parameter: str | None = Field(None, description="the query parameter at fault, when one is")
    message: str


class ErrorBody(BaseModel):
    status: int
    message: str
    details: list[ErrorDetail] = []


class ErrorResponse(BaseModel):
    """Every error of the API has this shape (status 400 or 404; 500 says nothing more)."""

    error: ErrorBody


_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorResponse, "description": "invalid parameter"},
    404: {"model": ErrorResponse, "description": "not found"},
}


class NotFound(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _wants_json(request: Request) -> bool:
    """API routes answer JSON; anything else answers a page to a browser (it asks for
    text/html) and JSON to scripts."""
    path = request.url.path
    if path.startswith("/api/") or path == "/openapi.json":
        return True
    if _is_page(path):
        return False
    return "text/html" not in request.headers.get("accept", "")


def _is_page(path: str) -> bool:
    return path in ("/", "/search", "/timeline", "/network", "/map") or path.startswith("/events/")


def _error(request: Request, status: int, message: str, details: list[ErrorDetail] | None = None) -> Response:
    body = ErrorResponse(error=ErrorBody(status=status, message=message, details=details or []))
    if _wants_json(request):
        return JSONResponse(body.model_dump(), status_code=status)
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(
        request, "error.html", {"error": body.error, "nav": "", "query": None, "qs": ""}, status_code=status
    )


def _validation_details(exc: RequestValidationError) -> list[ErrorDetail]:
    details = []
    for err in exc.errors():
        loc = [str(p) for p in err.get("loc", ()) if p not in ("query", "path", "body")]
        message = str(err.get("msg", "invalid value")).removeprefix("Value error, ")
        if err.get("type") == "extra_forbidden":
            message = "unknown parameter"
        details.append(ErrorDetail(parameter=".".join(loc) or None, message=message))
    return details


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        details = _validation_details(exc)
        first = details[0] if details else ErrorDetail(message="invalid request")
        where = f"{first.parameter}: " if first.parameter else ""
        return _error(request, 400, f"invalid parameter: {where}{first.message}", details)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        status = exc.status_code if exc.status_code in (400, 404, 405) else 400
        message = {404: "not found", 405: "method not allowed"}.get(exc.status_code, "bad request")
        return _error(request, status, f"{message}: {request.url.path}")

    @app.exception_handler(NotFound)
    async def _not_found(request: Request, exc: NotFound) -> Response:
        return _error(request, 404, exc.message)

    @app.exception_handler(ConfigError)
    async def _config(request: Request, exc: ConfigError) -> Response:
        return _error(request, 400, f"invalid parameter: {exc}")

    @app.exception_handler(EventcoderError)
    async def _ours(request: Request, exc: EventcoderError) -> Response:
        log.error("request %s failed: %s", request.url.path, exc)
        return _error(request, 500, "the server could not answer this request; see its log")

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        log.exception("request %s failed", request.url.path)
        return _error(request, 500, "the server could not answer this request; see its log")


# ---------------------------------------------------------------- helpers
def _store(request: Request) -> Iterator[Store]:
    store = Store(request.app.state.db_path, readonly=True)
    try:
        yield store
    finally:
        store.close()


StoreDep = Annotated[Store, Depends(_store)]


def _cameo_name(code: str) -> str:
    return cameo_name(code)


def _event_json(event: Event, rolled: Any = None) -> dict[str, Any]:
    data = to_dict(event)
    data["cameo_name"] = _cameo_name(event.cameo)
    if rolled is not None:
        data.update(event_uid=rolled.uid, mentions=rolled.mentions, articles=rolled.articles, sources=rolled.sources)
    return data


def _period_bounds(period: str, interval: str) -> tuple[str, str]:
    if interval == "week":
        start = dt.date.fromisoformat(period)
        return period, (start + dt.timedelta(days=6)).isoformat()
    return period, period


def _qs(pairs: list[tuple[str, str]], **extra: Any) -> str:
    drop = set(extra)
    kept = [(k, v) for k, v in pairs if k not in drop]
    kept += [(k, str(v)) for k, v in extra.items() if v is not None and v != ""]
    return urlencode(kept)


def highlight(event: Event) -> list[tuple[str, str | None]]:
    """The sentence cut into ``(text, role)`` pieces; role ``source``/``verb``/``target`` or ``None``.

    Evidence spans are offsets in the article text; the sentence starts at ``event.span[0]``.
    Spans that fall outside the sentence or overlap an earlier one are left out.
    """
    sentence = event.sentence
    marks: list[tuple[int, int, str]] = []
    ev = event.evidence
    if ev is not None:
        for role, span in (("source", ev.source_span), ("verb", ev.verb_span), ("target", ev.target_span)):
            if span is None:
                continue
            start, end = span[0] - event.span[0], span[1] - event.span[0]
            if 0 <= start < end <= len(sentence):
                marks.append((start, end, role))
    marks.sort()
    pieces: list[tuple[str, str | None]] = []
    at = 0
    for start, end, role in marks:
        if start < at:
            continue
        if start > at:
            pieces.append((sentence[at:start], None))
        pieces.append((sentence[start:end], role))
        at = end
    if at < len(sentence):
        pieces.append((sentence[at:], None))
    return pieces


def _layout(nodes: list[str], edges: list[tuple[int, int, int]], iterations: int = 200) -> list[tuple[float, float]]:
    """A deterministic force-directed layout (Fruchterman-Reingold) in the unit square."""
    import numpy as np

    n = len(nodes)
    if n == 0:
        return []
    if n == 1:
        return [(0.5, 0.5)]
    angle = np.linspace(0, 2 * np.pi, n, endpoint=False)
    pos = np.stack([np.cos(angle), np.sin(angle)], axis=1) * 0.5 + 0.5
    k = 1.0 / math.sqrt(n)
    src = np.array([e[0] for e in edges], dtype=int)
    dst = np.array([e[1] for e in edges], dtype=int)
    weight = np.log1p(np.array([e[2] for e in edges], dtype=float))
    temperature = 0.1
    gravity = 1.5 * k
    for _ in range(iterations):
        delta = pos[:, None, :] - pos[None, :, :]
        dist = np.maximum(np.linalg.norm(delta, axis=-1), 1e-3)
        disp = (delta / dist[..., None] * (k * k / dist)[..., None]).sum(axis=1)
        if len(edges):
            d = pos[src] - pos[dst]
            length = np.maximum(np.linalg.norm(d, axis=1), 1e-3)
            pull = d / length[:, None] * (length * length / k * weight)[:, None]
            np.add.at(disp, src, -pull)
            np.add.at(disp, dst, pull)
        disp -= (pos - pos.mean(axis=0)) * gravity  # keeps unconnected pieces near the middle
        size = np.maximum(np.linalg.norm(disp, axis=1), 1e-9)
        pos += disp / size[:, None] * np.minimum(size, temperature)[:, None]
        temperature *= 0.97
    lo, hi = pos.min(axis=0), pos.max(axis=0)
    pos = (pos - lo) / np.maximum(hi - lo, 1e-9)
    return [(round(float(x), 4), round(float(y), 4)) for x, y in pos]


def _count_json(row: CountRow) -> dict[str, Any]:
    return {"key": list(row.key), "events": row.events, "mean_goldstein": row.mean_goldstein}


# ---------------------------------------------------------------- the queries behind pages and API
def query_events(store: Store, q: PageQuery, *, newest_first: bool = False) -> dict[str, Any]:
    """A page of real-world events (``unit=events``: each its first mention with the
    counts of mentions, articles and sources) or of mentions."""
    f = dataclasses.replace(q.to_filter(limit=q.page_size, offset=(q.page - 1) * q.page_size), newest_first=newest_first)
    total = store.count(q.to_filter(), unit=q.unit)
    if q.unit == "events":
        events = [_event_json(r.first_mention, r) for r in store.rollup(f)]
    else:
        events = [_event_json(e) for e in store.events(f)]
    return {
        "unit": q.unit,
        "total": total,
        "page": q.page,
        "page_size": q.page_size,
        "pages": max(1, math.ceil(total / q.page_size)),
        "events": events,
    }


def _next_period(period: str, interval: str) -> str:
    if interval == "week":
        return (dt.date.fromisoformat(period) + dt.timedelta(days=7)).isoformat()
    year, month = int(period[:4]), int(period[5:7])
    return f"{year + month // 12:04d}-{month % 12 + 1:02d}"


def query_timeline(store: Store, q: TimelineQuery) -> dict[str, Any]:
    rows = store.timeline(q.to_filter(), interval=q.interval, unit=q.unit)
    bars = []
    totals: dict[str, list[float]] = {}
    for r in rows:
        since, until = _period_bounds(r.month, q.interval)
        bars.append({"period": r.month, "since": since, "until": until, "quad_class": r.quad_class,
                     "events": r.events, "mean_goldstein": r.mean_goldstein})
        acc = totals.setdefault(r.month, [0.0, 0.0])
        acc[0] += r.events
        acc[1] += r.events * (r.mean_goldstein or 0.0)
    # every period from the first to the last, empty ones with no mean (the line breaks there)
    line = []
    if totals:
        period, last = min(totals), max(totals)
        while period <= last:
            n, total = totals.get(period, (0, 0.0))
            line.append({"period": period, "events": int(n), "mean_goldstein": round(total / n, 3) if n else None})
            period = _next_period(period, q.interval)
    return {"interval": q.interval, "unit": q.unit, "bars": bars, "periods": line}


def query_network(store: Store, q: NetworkQuery) -> dict[str, Any]:
    rows = store.count_by("dyad", q.to_filter(), limit=q.edges, unit=q.unit, countryless=q.countryless)
    index: dict[str, int] = {}
    totals: list[int] = []
    edges = []
    for row in rows:
        a, b = row.key
        for code in (a, b):
            if code not in index:
                index[code] = len(index)
                totals.append(0)
        totals[index[a]] += row.events
        if b != a:
            totals[index[b]] += row.events
        edges.append((index[a], index[b], row.events, row.mean_goldstein))
    names = list(index)
    positions = _layout(names, [(s, t, n) for s, t, n, _ in edges if s != t])
    hidden = 0
    if q.countryless == "hide":
        every = sum(r.events for r in store.count_by("dyad", q.to_filter(), unit=q.unit))
        placed = sum(r.events for r in store.count_by("dyad", q.to_filter(), unit=q.unit, countryless="hide"))
        hidden = every - placed
    return {
        "unit": q.unit,
        "countryless": q.countryless,
        "hidden_events": hidden,
        "nodes": [{"id": code, "events": totals[i], "x": positions[i][0], "y": positions[i][1],
                   "group": code == NO_COUNTRY} for i, code in enumerate(names)],
        "edges": [{"source": names[s], "target": names[t], "events": n, "mean_goldstein": g}
                  for s, t, n, g in edges],
    }


def query_locations(store: Store, q: MapQuery) -> dict[str, Any]:
    rows = store.locations(q.to_filter(), limit=q.places, unit=q.unit)
    return {"places": [{"name": r.name, "country": r.country, "lat": r.lat, "lon": r.lon, "events": r.events,
                        "mean_goldstein": r.mean_goldstein} for r in rows]}


def query_event(store: Store, event_id: str) -> dict[str, Any]:
    event = store.event(event_id)
    if event is None:
        raise NotFound(f"no event with id {event_id}")
    doc = store.document(event.doc_id)
    document = None
    if doc is not None:
        document = {"doc_id": doc.doc_id, "title": doc.title, "publisher": doc.publisher,
                    "published": doc.published, "url": doc.url, "byline": doc.metadata.get("byline") or [],
                    "dateline": doc.metadata.get("dateline"), "n_events": doc.n_events}
    others = store.same_event(event) if not event.negated else []
    rolled = store.event_of(event) if not event.negated else None
    return {
        "event": _event_json(event),
        "rollup": None if rolled is None else {"event_uid": rolled.uid, "mentions": rolled.mentions,
                                               "articles": rolled.articles, "sources": rolled.sources,
                                               "date": rolled.date, "symmetric": rolled.symmetric},
        "cameo_name": _cameo_name(event.cameo),
        "root_name": _cameo_name(event.cameo_root),
        "quad_name": QUAD_NAMES.get(event.quad_class, ""),
        "highlight": [{"text": t, "role": r} for t, r in highlight(event)],
        "document": document,
        "same_event": [_event_json(e) for e in others],
    }


# ---------------------------------------------------------------- the application
def create_app(db_path: str | Path) -> FastAPI:
    """The web UI and API over the event database at ``db_path`` (opened read-only)."""
    path = Path(db_path)
    probe = Store(path, readonly=True)  # fail now (StoreError) rather than on every request
    if probe.migrated_copy is not None:
        # an older schema: serve one migrated copy for the app's lifetime (the file is left as it is)
        path = probe.migrated_copy
        atexit.register(probe.close)  # the copy goes when the server stops
    else:
        probe.close()
    plotly_js_path()
    default_lexicon()

    app = FastAPI(
        title="eventcoder",
        version=__version__,
        description="Political event data coded by eventcoder: the same filters as `eventcoder query`. "
        "Every error answers with status 400 or 404 and the body `{\"error\": {\"status\", \"message\", \"details\"}}`.",
        docs_url=None,  # Swagger UI and ReDoc load their scripts from a CDN; /openapi.json is enough
        redoc_url=None,
    )
    app.state.db_path = path
    templates = Jinja2Templates(directory=str(_HERE / "templates"))
    codes, plover_types = known_codes()
    lexicon = default_lexicon()
    templates.env.globals.update(
        quad_names=QUAD_NAMES,
        version=__version__,
        plover_types=sorted(plover_types),
        cameo_roots=[(c, lexicon.code(c).name) for c in sorted(codes) if len(c) == 2],
    )
    templates.env.filters["cameo_name"] = _cameo_name
    app.state.templates = templates
    app.mount("/static", StaticFiles(directory=str(_HERE / "static")), name="static")
    _install_error_handlers(app)

    @app.middleware("http")
    async def _headers(request: Request, call_next: Any) -> Response:
        response: Response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        return response

    # ------------------------------------------------ assets
    @app.get("/vendor/plotly.min.js", include_in_schema=False)
    def plotly_js() -> FileResponse:
        return FileResponse(plotly_js_path(), media_type="text/javascript",
                            headers={"Cache-Control": "public, max-age=86400"})

    # ------------------------------------------------ API
    @app.get("/api/events", tags=["events"], responses=_ERRORS, summary="Events (mentions) matching the filters, paged")
    def api_events(q: Annotated[PageQuery, Query()], store: StoreDep) -> dict[str, Any]:
        return query_events(store, q)

    @app.get("/api/events/{event_id}", tags=["events"], responses=_ERRORS,
             summary="One event: its record, highlighted sentence, article and the other mentions of the same event")
    def api_event(event_id: Annotated[str, PathParam(pattern=_EVENT_ID)], store: StoreDep) -> dict[str, Any]:
        return query_event(store, event_id)

    @app.get("/api/timeline", tags=["aggregates"], responses=_ERRORS,
             summary="Events by month or week and QuadClass, with the mean Goldstein score")
    def api_timeline(q: Annotated[TimelineQuery, Query()], store: StoreDep) -> dict[str, Any]:
        return query_timeline(store, q)

    @app.get("/api/network", tags=["aggregates"], responses=_ERRORS,
             summary="Actors (nodes, with a layout) and dyads (edges: counts, mean Goldstein)")
    def api_network(q: Annotated[NetworkQuery, Query()], store: StoreDep) -> dict[str, Any]:
        return query_network(store, q)

    @app.get("/api/locations", tags=["aggregates"], responses=_ERRORS, summary="Places of the events, busiest first")
    def api_locations(q: Annotated[MapQuery, Query()], store: StoreDep) -> dict[str, Any]:
        return query_locations(store, q)

    @app.get("/api/counts", tags=["aggregates"], responses=_ERRORS,
             summary="Counts of events by month, year, dyad, source, target, root, cameo, quad or plover")
    def api_counts(q: Annotated[CountQuery, Query()], store: StoreDep) -> dict[str, Any]:
        rows = store.count_by(q.by, q.to_filter(), limit=q.limit, unit=q.unit)
        return {"by": q.by, "unit": q.unit, "rows": [_count_json(r) for r in rows]}

    @app.get("/api/world", tags=["assets"], summary="Country outlines (rings of [lon, lat]) for the map")
    def api_world() -> Response:
        return Response(world_outlines(), media_type="application/json",
                        headers={"Cache-Control": "public, max-age=86400"})

    @app.get("/api/stats", tags=["aggregates"], summary="Row counts of the database")
    def api_stats(store: StoreDep) -> dict[str, int]:
        return store.stats()

    # ------------------------------------------------ pages
    def page(request: Request, name: str, nav: str, q: EventQuery | None, **context: Any) -> HTMLResponse:
        pairs = q.filter_params() if q is not None else []
        return templates.TemplateResponse(
            request, name, {"nav": nav, "query": q, "qs": urlencode(pairs), "pairs": pairs, **context}
        )

    @app.get("/", include_in_schema=False)
    def home() -> RedirectResponse:
        return RedirectResponse("/search", status_code=302)

    @app.get("/search", include_in_schema=False)
    def search_page(request: Request, q: Annotated[PageQuery, Query()], store: StoreDep) -> HTMLResponse:
        result = query_events(store, q, newest_first=True)  # a reader starts from the latest
        quads = store.count_by("quad", q.to_filter(), unit=q.unit)
        pairs = q.filter_params()
        pager = {
            "prev": _qs(pairs, page=q.page - 1, page_size=q.page_size if q.page_size != 50 else None)
            if q.page > 1 else None,
            "next": _qs(pairs, page=q.page + 1, page_size=q.page_size if q.page_size != 50 else None)
            if q.page < result["pages"] else None,
        }
        past = q.page > result["pages"]
        pager["last"] = _qs(pairs, page=result["pages"], page_size=q.page_size if q.page_size != 50 else None) if past else None
        switch_qs = _qs(pairs, unit="mentions" if q.unit == "events" else None)
        if q.unit != "events":
            switch_qs = urlencode([(k, v) for k, v in pairs if k != "unit"])
        return page(request, "search.html", "search", q, result=result, quads=quads, pager=pager, past=past,
                    switch_qs=switch_qs)

    @app.get("/timeline", include_in_schema=False)
    def timeline_page(request: Request, q: Annotated[TimelineQuery, Query()]) -> HTMLResponse:
        return page(request, "timeline.html", "timeline", q, interval=q.interval)

    @app.get("/network", include_in_schema=False)
    def network_page(request: Request, q: Annotated[NetworkQuery, Query()]) -> HTMLResponse:
        return page(request, "network.html", "network", q, edges=q.edges, countryless=q.countryless)

    @app.get("/map", include_in_schema=False)
    def map_page(request: Request, q: Annotated[MapQuery, Query()]) -> HTMLResponse:
        return page(request, "map.html", "map", q)

    @app.get("/events/{event_id}", include_in_schema=False)
    def event_page(request: Request, event_id: Annotated[str, PathParam(pattern=_EVENT_ID)],
                   store: StoreDep) -> HTMLResponse:
        data = query_event(store, event_id)
        return page(request, "event.html", "", None, **data)

    return app

