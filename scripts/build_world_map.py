"""Build ``warcount/web/data/world.json``: country outlines for the offline events map.

The data is Natural Earth's 1:110m admin-0 countries (public domain), as the
``naturalearth_lowres`` shapefile bundled in the geopandas 0.14.4 wheel on
PyPI (geopandas 1.0 dropped it). The script reads the shapefile straight
from the wheel with the standard library (no geopandas, shapely or pyshp
needed), simplifies each ring (Douglas-Peucker), drops slivers, and writes
SVG path data in an equirectangular projection (x = longitude, y = -latitude,
in degrees), so the server draws the map with no tiles and no network:

    pip download --no-deps geopandas==0.14.4 -d /tmp/gp
    python scripts/build_world_map.py /tmp/gp/geopandas-0.14.4-py3-none-any.whl
"""
from __future__ import annotations

import argparse
import json
import struct
import sys
import zipfile
from pathlib import Path

OUT = Path(__file__).parents[1] / "warcount" / "web" / "data" / "world.json"
STEM = "geopandas/datasets/naturalearth_lowres/naturalearth_lowres"
TOLERANCE = 0.12  # degrees: below what a 760-pixel world map can show
MIN_AREA = 0.15  # square degrees: islands smaller than this are dropped


def read_shapes(shp: bytes) -> list[list[list[tuple[float, float]]]]:
    """Polygon records (type 5) of an ESRI shapefile: a list of rings per record."""
    out = []
    pos = 100
    while pos + 8 <= len(shp):
        _num, length = struct.unpack(">ii", shp[pos:pos + 8])
        rec = shp[pos + 8:pos + 8 + length * 2]
        pos += 8 + length * 2
        (shape_type,) = struct.unpack("<i", rec[:4])
        if shape_type == 0:
            out.append([])
            continue
        if shape_type not in (5, 15, 25):
            raise ValueError(f"shape type {shape_type} is not a polygon")
        nparts, npoints = struct.unpack("<ii", rec[36:44])
        parts = list(struct.unpack(f"<{nparts}i", rec[44:44 + 4 * nparts]))
        base = 44 + 4 * nparts
        pts = [struct.unpack("<dd", rec[base + 16 * i:base + 16 * i + 16]) for i in range(npoints)]
        rings = [pts[a:b] for a, b in zip(parts, parts[1:] + [npoints])]
        out.append(rings)
    return out


def read_dbf(dbf: bytes) -> list[dict[str, str]]:
    """The attribute rows of a dBASE III file, as text."""
    nrec, hlen, rlen = struct.unpack("<IHH", dbf[4:12])
    fields = []
    for i in range(32, hlen - 1, 32):
        name = dbf[i:i + 11].split(b"\0")[0].decode("ascii")
        fields.append((name, dbf[i + 16]))
    rows = []
    for r in range(nrec):
        rec = dbf[hlen + r * rlen:hlen + (r + 1) * rlen]
        pos, row = 1, {}
        for name, size in fields:
            row[name] = rec[pos:pos + size].decode("utf-8", "replace").strip()
            pos += size
        rows.append(row)
    return rows


def _dp(points: list[tuple[float, float]], tol: float) -> list[tuple[float, float]]:
    """Douglas-Peucker, iterative."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        a, b = stack.pop()
        (x1, y1), (x2, y2) = points[a], points[b]
        dx, dy = x2 - x1, y2 - y1
        norm = (dx * dx + dy * dy) ** 0.5
        best, idx = 0.0, -1
        for i in range(a + 1, b):
            x, y = points[i]
            d = abs(dy * (x - x1) - dx * (y - y1)) / norm if norm else ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
            if d > best:
                best, idx = d, i
        if best > tol and idx > 0:
            keep[idx] = True
            stack += [(a, idx), (idx, b)]
    return [p for p, k in zip(points, keep) if k]


def _area(ring: list[tuple[float, float]]) -> float:
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]))) / 2


def path_of(rings: list[list[tuple[float, float]]]) -> str:
    parts = []
    for ring in rings:
        if _area(ring) < MIN_AREA:
            continue
        simple = _dp(ring, TOLERANCE)
        pts = []
        for lon, lat in simple:
            p = (round(lon, 1), round(-lat, 1))
            if not pts or p != pts[-1]:
                pts.append(p)
        if len(pts) < 4:
            continue
        parts.append("M" + "L".join(f"{x:g} {y:g}" for x, y in pts) + "Z")
    return "".join(parts)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("wheel", help="the geopandas 0.14.x wheel (pip download --no-deps geopandas==0.14.4)")
    ap.add_argument("--out", default=str(OUT))
    args = ap.parse_args(argv)
    with zipfile.ZipFile(args.wheel) as z:
        shp, dbf = z.read(STEM + ".shp"), z.read(STEM + ".dbf")
    shapes, rows = read_shapes(shp), read_dbf(dbf)
    countries = []
    for rings, row in zip(shapes, rows):
        d = path_of(rings)
        if d:
            countries.append({"name": row.get("name", ""), "iso3": row.get("iso_a3", ""), "d": d})
    data = {"source": "Natural Earth 1:110m admin-0 countries (public domain), naturalearth_lowres in "
                      "geopandas 0.14.4 on PyPI; simplified by scripts/build_world_map.py",
            "projection": "equirectangular: x = longitude, y = -latitude (degrees)",
            "countries": countries}
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", "utf-8")
    print(f"{len(countries)} countries, {Path(args.out).stat().st_size // 1024} KB -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
