"""Third-party front-end assets, served from the installed PyPI packages (never a CDN).

* ``plotly.min.js`` ships inside the ``plotly`` package (``plotly/package_data``); it draws
  the timeline, the network and the map.
* Country outlines come from the ``countryinfo`` package, which ships one JSON file per
  country with its border as GeoJSON (Natural Earth, public domain).  They are reduced to
  rings of ``[lon, lat]`` rounded to 0.01 degree and cached in memory.

Neither package is imported: only their files are read.
"""

from __future__ import annotations

import functools
import importlib.util
import json
from pathlib import Path
from typing import Any

from ..errors import ResourceNotFound

__all__ = ["plotly_js_path", "world_outlines"]

_INSTALL = "pip install 'eventcoder[web]'"


def _package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise ResourceNotFound(f"the web UI needs the Python package {name!r}; run: {_INSTALL}")
    return Path(next(iter(spec.submodule_search_locations)))


@functools.cache
def plotly_js_path() -> Path:
    """The ``plotly.min.js`` bundled with the installed ``plotly`` package."""
    path = _package_dir("plotly") / "package_data" / "plotly.min.js"
    if not path.is_file():
        raise ResourceNotFound(f"plotly.min.js is missing from the plotly package at {path}; run: {_INSTALL}")
    return path


def _rings(geometry: dict[str, Any]) -> list[list[list[float]]]:
    kind = geometry.get("type")
    coords = geometry.get("coordinates") or []
    polygons = coords if kind == "MultiPolygon" else [coords] if kind == "Polygon" else []
    out = []
    for polygon in polygons:
        for ring in polygon:
            points = [[round(float(x), 2), round(float(y), 2)] for x, y, *_ in ring]
            if len(points) >= 3:
                out.append(points)
    return out


@functools.cache
def world_outlines() -> bytes:
    """``{"countries": [{"id": "FRA", "name": "France", "rings": [[[lon, lat], ...]]}]}`` as JSON."""
    folder = _package_dir("countryinfo") / "data"
    if not folder.is_dir():
        raise ResourceNotFound(f"country outlines are missing from the countryinfo package at {folder}; run: {_INSTALL}")
    countries = []
    for path in sorted(folder.glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        for feature in (data.get("geoJSON") or {}).get("features", []):
            rings = _rings(feature.get("geometry") or {})
            if rings:
                countries.append(
                    {
                        "id": feature.get("id") or (data.get("ISO") or {}).get("alpha3") or "",
                        "name": (feature.get("properties") or {}).get("name") or data.get("name") or "",
                        "rings": rings,
                    }
                )
    if not countries:
        raise ResourceNotFound(f"no country outlines found in {folder}; run: {_INSTALL}")
    countries.sort(key=lambda c: c["id"])
    return json.dumps({"countries": countries}, separators=(",", ":")).encode()
