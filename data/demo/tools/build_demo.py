#!/usr/bin/env python3
"""Build the bundled demo-county data for Junheng: 云和县 (331125, 丽水市, 浙江省).

Reads the read-only shared data folder (env JUNHENG_SHARED_DATA, default
<project root>/../shared/data) and writes:

  data/census/china_census2020_county_yearbook.csv   (unchanged copy)
  data/census/README.md
  data/demo/census_331125.csv                        (header + 331125 row, byte-for-byte)
  data/demo/townships.geojson                        (10 townships, repaired, 6 decimals)
  data/demo/townships.csv
  data/demo/facilities.csv                           (ASSUMED sample data, 示例数据)
  data/demo/school_sections.csv                      (ASSUMED sample data, 示例数据)

data/demo/README.md is hand-written (not generated).

Deterministic: no randomness. Requires Python >= 3.9, shapely >= 2.0, pyproj.
Run:  python3 data/demo/tools/build_demo.py   (from anywhere)
"""
import csv
import io
import json
import math
import os
import shutil
import sys
from pathlib import Path

from pyproj import Geod
from shapely.geometry import MultiPolygon, Point, Polygon, mapping, shape
from shapely.validation import make_valid

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]  # /work/main
SHARED = Path(os.environ.get("JUNHENG_SHARED_DATA", ROOT.parent / "shared" / "data")).resolve()
OUT = ROOT / "data" / "demo"
CENSUS_OUT = ROOT / "data" / "census"
COUNTY = "331125"
GEOD = Geod(ellps="WGS84")

# ---------------------------------------------------------------- census

def build_census():
    src = SHARED / "china_census2020_county_yearbook.csv"
    CENSUS_OUT.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, CENSUS_OUT / src.name)
    raw = src.read_bytes()
    lines = raw.splitlines(keepends=True)
    header = lines[0]
    rows = [ln for ln in lines[1:] if ln.startswith(COUNTY.encode() + b",")]
    assert len(rows) == 1, rows
    (OUT / f"census_{COUNTY}.csv").write_bytes(header + rows[0])
    cols = next(csv.reader(io.StringIO(header.decode("utf-8"))))
    write_census_readme(cols, len(lines) - 1)


def write_census_readme(cols, nrows):
    text = f"""# China 7th census (2020) county yearbook table

`china_census2020_county_yearbook.csv` — copied unchanged (UTF-8, CRLF line endings,
{nrows} data rows, {len(cols)} columns) from the project's shared data folder.

## Source

* GitHub `leiii/census`, file `data/census/census_county_2020_v1.xlsx`
  (commit 719d9be "add 2020 census data from the yearbook"; repo HEAD 0ba0f1e),
  converted xlsx → CSV unchanged.
* Underlying source: *China Population Census Yearbook 2020*
  (《中国人口普查分县资料2020》, 7th national population census yearbook, National Bureau of Statistics / 国家统计局).
* Reference: Dong, Du & Liu, "Mapping Evolving Population Geography in China", SSRN 4049338 (2022).
* License: the repository is MIT (© 2022 Lei Dong); the statistics themselves are official NBS publications.

## Rows

1 national row (`区划代码` = NA, 全国), 31 provinces (`xx0000`), 338 prefecture rows (`xxxx00`,
including 市辖区 aggregates), 2 943 county-level rows (6-digit code) and 45 rows with code `NA`
(development zones / special areas / 省直辖县级行政区划 aggregates). `NA` marks missing values.

## Columns (Chinese headers kept verbatim)

* `区划代码` 6-digit 2020 admin code; `省`, `市`, `区县`
* `人口数_合计/男/女` resident population; `性别比（女=100）`; `少数民族人口比重（%）`
* `城镇人口`, `乡村人口`, `城区人口` (often NA)
* households: `家庭户数`, `家庭户人口数`, `户规模`, `一人户数` … `四代以上户数`
* age by sex (38 cells, sum exactly to `人口数_合计`): `男_0岁`, `女_0岁`, `男_1到4岁`, `女_1到4岁`,
  then 5-year bands `男_5到9岁` … `女_85岁以上`. There is no 60+ column (sum the bands 60-64 … 85+).
  0–3 year olds ≈ `0岁` + ¾·`1到4岁`.
* `人口比重_0-14岁`, `人口比重_15-64岁`, `人口比重_65岁及以上`, `人口比重_15-49岁育龄妇女` (%)
* further long-form items: households with 65+ members, migration, education attainment, illiteracy,
  occupation & industry, marital status, `15-64岁妇女平均活产子女数`, housing.

Full header ({len(cols)} columns):

```
{", ".join(cols)}
```
"""
    (CENSUS_OUT / "README.md").write_text(text, encoding="utf-8")

# ---------------------------------------------------------------- townships

def r6(x):
    return round(x + 0.0, 6)


def round_geom(g):
    def ring(c):
        return [(r6(x), r6(y)) for x, y in c]
    if isinstance(g, Polygon):
        return Polygon(ring(g.exterior.coords), [ring(i.coords) for i in g.interiors])
    return MultiPolygon([round_geom(p) for p in g.geoms])


def repair(g):
    """make_valid, keep only polygon parts >= 1% of the largest part."""
    if g.is_valid:
        return g, []
    v = make_valid(g)
    parts = []
    stack = [v]
    while stack:
        x = stack.pop()
        if isinstance(x, Polygon):
            parts.append(x)
        elif hasattr(x, "geoms"):
            stack.extend(x.geoms)
        # points / lines (degenerate slivers) are dropped
    parts.sort(key=lambda p: -p.area)
    keep = [p for p in parts if p.area >= 0.01 * parts[0].area]
    dropped = [p for p in parts if p.area < 0.01 * parts[0].area]
    out = keep[0] if len(keep) == 1 else MultiPolygon(keep)
    return out, dropped


def geod_area_km2(g):
    a, _ = GEOD.geometry_area_perimeter(g)
    return abs(a) / 1e6


def build_townships():
    d = json.loads((SHARED / "china_township_yunhe_331125" / "yunhe_townships.geojson").read_text("utf-8"))
    cents = {}
    with open(SHARED / "china_township_yunhe_331125" / "yunhe_township_centroids.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            cents[row["code9"]] = row
    feats, rows, geoms, repairs = [], [], {}, []
    for f in sorted(d["features"], key=lambda f: f["properties"]["code9"]):
        p = f["properties"]
        g0 = shape(f["geometry"])
        g, dropped = repair(g0)
        g = round_geom(g)
        assert g.is_valid, p["name"]
        a0, a1 = geod_area_km2(g0), geod_area_km2(g)
        if not g0.is_valid:
            repairs.append((p["name"], a0, a1, len(dropped), sum(geod_area_km2(x) for x in dropped)))
        assert abs(a1 - a0) / a0 < 0.001, (p["name"], a0, a1)
        c = cents[p["code9"]]
        ip = Point(float(c["interior_pt_lng"]), float(c["interior_pt_lat"]))
        assert g.contains(ip), p["name"]
        cc = g.centroid
        assert abs(cc.x - float(c["centroid_lng"])) < 1e-3 and abs(cc.y - float(c["centroid_lat"])) < 1e-3
        props = {
            "code": p["code9"], "code12": p["code12"], "name": p["name"], "type": p["type"],
            "area_km2": round(a1, 2),
            "centroid_lon": r6(float(c["centroid_lng"])), "centroid_lat": r6(float(c["centroid_lat"])),
            "interior_lon": r6(ip.x), "interior_lat": r6(ip.y),
        }
        feats.append({"type": "Feature", "properties": props, "geometry": mapping(g)})
        rows.append(props)
        geoms[p["code9"]] = (g, p["name"], p["type"], ip)
    fc = {"type": "FeatureCollection", "name": "yunhe_331125_townships", "features": feats}
    txt = json.dumps(fc, ensure_ascii=False, separators=(",", ":"))
    # geometry coordinates come out of shapely.mapping as tuples -> lists; make sure 6 decimals
    (OUT / "townships.geojson").write_text(txt + "\n", encoding="utf-8")
    with open(OUT / "townships.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        cols = ["code", "name", "type", "area_km2", "centroid_lon", "centroid_lat", "interior_lon", "interior_lat"]
        w.writerow(cols)
        for r in rows:
            w.writerow([r["code"], r["name"], r["type"], "%.2f" % r["area_km2"]]
                       + ["%.6f" % r[c] for c in cols[4:]])
    return geoms, repairs


def fmt(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if v is None:
        return ""
    if isinstance(v, float):
        return f"{v:.6f}".rstrip("0").rstrip(".") if v != int(v) else f"{v:.1f}"
    return str(v)

# ---------------------------------------------------------------- facilities (ASSUMED, 示例数据)

CODE = {"浮云": "331125001", "元和": "331125002", "白龙山": "331125003", "凤凰山": "331125004",
        "崇头": "331125105", "石塘": "331125106", "紧水滩": "331125107", "雾溪": "331125201",
        "安溪": "331125202", "赤石": "331125206"}
TOWN_CENTRE = (119.570, 28.115)  # approx. county seat, where the four 街道 meet

# childcare: id, name, kind, town, ownership, inclusive, status, year, mode,
#            registered, infant, small, large, mixed, nursery, caregivers
CHILDCARE = [
    ("CC01", "云和县托育综合服务中心", "childcare_center", "浮云", "public", True, "existing", 2021, "full_day", 150, 2, 4, 4, 0, 0, 32),
    ("CC02", "云和县小橙子托育园", "childcare_institution", "元和", "private", True, "existing", 2022, "full_day", 100, 1, 2, 3, 0, 0, 8),
    ("CC03", "浮云街道社区嵌入式托育点", "community_childcare", "浮云", "public", True, "existing", 2023, "full_day", 70, 0, 2, 1, 1, 0, 14),
    ("CC04", "云和县实验幼儿园托班", "kindergarten_nursery_class", "白龙山", "public", True, "existing", 2020, "full_day", 85, 0, 0, 0, 0, 4, 13),
    ("CC05", "云和县凤凰山幼儿园托班", "kindergarten_nursery_class", "凤凰山", "public", True, "existing", 2022, "full_day", 40, 0, 0, 0, 0, 2, 4),
    ("CC06", "云和县人民医院职工托育园", "employer_childcare", "浮云", "public", True, "existing", 2023, "full_day", 30, 0, 1, 1, 0, 0, 7),
    ("CC07", "元和街道贝贝家庭托育点", "family_childcare", "元和", "private", False, "existing", 2024, "full_day", 5, 0, 0, 0, 1, 0, 2),
    ("CC08", "石塘镇社区嵌入式托育点", "community_childcare", "石塘", "public", True, "existing", 2024, "half_day", 40, 0, 1, 1, 0, 0, 7),
    ("CC09", "元和街道普惠托育园（规划）", "childcare_institution", "元和", "public", True, "planned", 2027, "full_day", 60, 1, 1, 2, 0, 0, 13),
    ("CC10", "凤凰山街道托育点候选址", "community_childcare", "凤凰山", "public", True, "candidate", 2028, "full_day", 40, 0, 1, 1, 0, 0, 7),
]
# elderly: id, name, kind, town, ownership, inclusive, year, beds, nursing_beds, rooms, max_per_room, room_area
ELDERLY = [
    ("EL01", "云和县社会福利中心", "elderly_institution", "浮云", "public", True, 2012, 360, 215, 160, 4, 2880),
    ("EL02", "云和县颐康养老院", "elderly_institution", "元和", "private", True, 2018, 300, 175, 125, 3, 2250),
    ("EL03", "云和县夕阳红老年公寓", "elderly_institution", "白龙山", "private", False, 2009, 190, 80, 45, 7, 1180),
    ("EL04", "云和县康复护理院", "nursing_home", "凤凰山", "private", True, 2020, 120, 114, 45, 4, 840),
    ("EL05", "浮云街道老年人日间照料中心", "day_care_center", "浮云", "public", True, 2019, 10, 0, None, None, None),
    ("EL06", "紧水滩镇居家养老服务照料中心", "day_care_center", "紧水滩", "public", True, 2017, 6, 0, None, None, None),
    ("EL07", "元和街道城东社区养老服务站", "community_elderly_station", "元和", "public", True, 2021, 0, 0, None, None, None),
    ("EL08", "凤凰山街道凤凰社区养老服务站", "community_elderly_station", "凤凰山", "public", True, 2022, 4, 0, None, None, None),
]
# schools: id, name, kind, town, ownership, year
SCHOOLS = [
    ("SC01", "云和县实验小学", "primary_school", "浮云", "public", 1952),
    ("SC02", "云和县城东小学", "primary_school", "元和", "public", 2004),
    ("SC03", "云和县凤凰山小学", "primary_school", "凤凰山", "public", 2010),
    ("SC04", "云和县白龙山小学", "primary_school", "白龙山", "public", 1998),
    ("SC05", "石塘镇中心小学", "primary_school", "石塘", "public", 1956),
    ("SC06", "紧水滩镇中心小学", "primary_school", "紧水滩", "public", 1978),
    ("SC07", "赤石乡中心小学小顺教学点", "teaching_point", "赤石", "public", 1965),
    ("SC08", "云和县实验中学", "junior_school", "浮云", "public", 1958),
    ("SC09", "云和县第二中学", "junior_school", "元和", "public", 2001),
    ("SC10", "云和县白龙山中学", "junior_school", "白龙山", "public", 2008),
    ("SC11", "石塘镇初级中学", "junior_school", "石塘", "public", 1969),
    ("SC12", "崇头镇中心学校", "nine_year_school", "崇头", "public", 1972),
    ("SC13", "安溪畲族乡民族学校", "nine_year_school", "安溪", "public", 1984),
    ("SC14", "云和县博文学校", "twelve_year_school", "元和", "private", 2016),
    ("SC15", "云和县中学", "senior_high_school", "凤凰山", "public", 1941),
]

# School sections. Indicator multipliers m (value = threshold * m); default 1.15.
# keys: q=teachers_qualified, b=backbone, pa=pe_art, ta=teaching_area, sa=sports_area, eq=equipment, mm=multimedia
THRESH = {
    "primary": dict(q=4.2, b=1.0, pa=0.9, ta=4.5, sa=7.5, eq=2000, mm=2.3),
    "junior": dict(q=5.3, b=1.0, pa=0.9, ta=5.8, sa=10.2, eq=2500, mm=2.4),
}
SECTIONS = [
    # code, level, students, classes, max_class_size, multipliers
    ("SC01", "primary", 1420, 32, 45, dict(q=1.08, ta=1.05, sa=0.92)),       # pass (1 short, >=85%)
    ("SC02", "primary", 1130, 26, 45, dict(ta=0.90, sa=0.80)),               # FAIL: two indicators short
    ("SC03", "primary", 860, 20, 44, dict(b=1.3, sa=1.02)),                  # pass
    ("SC04", "primary", 640, 14, 47, dict(eq=1.10)),                         # FAIL: class size 47 > 45
    ("SC05", "primary", 380, 12, 36, dict(sa=1.6, eq=0.88)),                 # pass (1 short, >=85%)
    ("SC06", "primary", 240, 9, 30, dict(sa=2.0, mm=1.3)),                   # pass
    ("SC07", "primary", 36, 3, 15, dict(q=2.5, b=2.8, pa=3.0, ta=2.0, sa=4.0, eq=1.2, mm=2.8)),  # pass (teaching point)
    ("SC08", "junior", 1150, 24, 50, dict(q=1.05, sa=0.95)),                 # pass (1 short, >=85%)
    ("SC09", "junior", 920, 20, 48, dict(ta=1.1)),                           # pass
    ("SC10", "junior", 610, 14, 46, dict(eq=0.78)),                          # FAIL: equipment < 85%
    ("SC11", "junior", 330, 9, 40, dict(sa=1.5)),                            # pass
    ("SC12", "primary", 310, 12, 30, dict(sa=1.8, mm=1.2)),                  # pass
    ("SC12", "junior", 190, 6, 35, dict(sa=1.6, pa=0.95)),                   # pass (1 short, >=85%)
    ("SC13", "primary", 220, 9, 30, dict(sa=2.2, q=1.2)),                    # pass
    ("SC13", "junior", 140, 3, 48, dict(sa=1.9)),                            # pass
    ("SC14", "primary", 900, 20, 45, dict(eq=1.5, mm=1.4)),                  # pass
    ("SC14", "junior", 600, 12, 50, dict(eq=1.4, mm=1.3, sa=0.93)),          # pass (1 short, >=85%)
]


def section_values(level, students, mult):
    t = THRESH[level]
    m = {k: mult.get(k, 1.15) for k in t}
    per100 = students / 100.0
    return dict(
        teachers_qualified=math.ceil(t["q"] * per100 * m["q"]),
        teachers_backbone=math.ceil(t["b"] * per100 * m["b"]),
        teachers_pe_art=math.ceil(t["pa"] * per100 * m["pa"]),
        teaching_area_m2=math.ceil(t["ta"] * students * m["ta"]),
        sports_area_m2=math.ceil(t["sa"] * students * m["sa"]),
        equipment_value_yuan=math.ceil(t["eq"] * students * m["eq"] / 1000.0) * 1000,
        multimedia_rooms=math.ceil(t["mm"] * per100 * m["mm"]),
    )


def place_points(geoms):
    """Deterministic sites: 0.004° grid points inside each township (300 m inside the edge),
    ordered by distance to the county seat (街道) or to the township's interior point (镇/乡)."""
    wanted = {}
    for lst in (CHILDCARE, ELDERLY, SCHOOLS):
        for r in lst:
            wanted.setdefault(CODE[r[3]], []).append(r[0])
    pts = {}
    for code, ids in wanted.items():
        g, name, typ, ip = geoms[code]
        inner = g.buffer(-0.003)
        cx, cy = TOWN_CENTRE if typ == "街道" else (ip.x, ip.y)
        minx, miny, maxx, maxy = g.bounds
        step = 0.004
        cand = []
        i0, j0 = math.floor(minx / step), math.floor(miny / step)
        i1, j1 = math.ceil(maxx / step), math.ceil(maxy / step)
        for i in range(i0, i1 + 1):
            for j in range(j0, j1 + 1):
                # small deterministic jitter so points do not look like a grid
                x = r6(i * step + 0.0007 * ((i * 7 + j * 3) % 5 - 2) / 2)
                y = r6(j * step + 0.0007 * ((i * 3 + j * 5) % 5 - 2) / 2)
                if inner.contains(Point(x, y)):
                    cand.append(((x - cx) ** 2 + (y - cy) ** 2, x, y))
        cand.sort()
        # spread: take every 2nd candidate so neighbours are ~ 400-800 m apart
        for k, fid in enumerate(sorted(ids)):
            _, x, y = cand[2 * k]
            assert g.contains(Point(x, y))
            pts[fid] = (x, y)
    return pts


FAC_COLS = ["id", "name", "kind", "township_code", "lon", "lat", "ownership", "inclusive", "status",
            "opening_year", "service_mode", "registered_slots", "infant_classes", "toddler_small_classes",
            "toddler_large_classes", "mixed_classes", "nursery_classes", "caregivers", "beds", "nursing_beds",
            "nursing_rooms", "max_beds_per_room", "room_usable_area_m2"]
SEC_COLS = ["school_code", "school_name", "level", "kind", "students", "classes", "max_class_size",
            "teachers_qualified", "teachers_backbone", "teachers_pe_art", "teaching_area_m2", "sports_area_m2",
            "equipment_value_yuan", "multimedia_rooms"]


def build_facilities(geoms):
    pts = place_points(geoms)
    rows = []
    for (fid, name, kind, town, own, inc, status, year, mode, reg, inf, sm, lg, mx, nur, cg) in CHILDCARE:
        x, y = pts[fid]
        rows.append(dict(id=fid, name=name, kind=kind, township_code=CODE[town], lon=x, lat=y, ownership=own,
                         inclusive=inc, status=status, opening_year=year, service_mode=mode, registered_slots=reg,
                         infant_classes=inf, toddler_small_classes=sm, toddler_large_classes=lg, mixed_classes=mx,
                         nursery_classes=nur, caregivers=cg))
    for (fid, name, kind, town, own, inc, year, beds, nb, rooms, mpr, area) in ELDERLY:
        x, y = pts[fid]
        rows.append(dict(id=fid, name=name, kind=kind, township_code=CODE[town], lon=x, lat=y, ownership=own,
                         inclusive=inc, status="existing", opening_year=year, beds=beds, nursing_beds=nb,
                         nursing_rooms=rooms, max_beds_per_room=mpr, room_usable_area_m2=area))
    for (fid, name, kind, town, own, year) in SCHOOLS:
        x, y = pts[fid]
        rows.append(dict(id=fid, name=name, kind=kind, township_code=CODE[town], lon=x, lat=y, ownership=own,
                         inclusive=(own == "public"), status="existing", opening_year=year))
    with open(OUT / "facilities.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(FAC_COLS)
        for r in rows:
            w.writerow([("%.6f" % r[c]) if c in ("lon", "lat") else fmt(r.get(c)) for c in FAC_COLS])
    names = {s[0]: (s[1], s[2]) for s in SCHOOLS}
    kind_map = {"primary_school": "complete", "junior_school": "complete", "teaching_point": "complete",
                "nine_year_school": "nine_year", "twelve_year_school": "twelve_year"}
    secs = []
    for (code, level, st, cl, mcs, mult) in SECTIONS:
        assert cl * mcs >= st and math.ceil(st / cl) <= mcs
        nm, kind = names[code]
        r = dict(school_code=code, school_name=nm, level=level, kind=kind_map[kind], students=st, classes=cl,
                 max_class_size=mcs)
        r.update(section_values(level, st, mult))
        secs.append(r)
    with open(OUT / "school_sections.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(SEC_COLS)
        for r in secs:
            w.writerow([fmt(r[c]) for c in SEC_COLS])
    return rows, secs

# ---------------------------------------------------------------- checks / summary

RATIO = {"toddler_large_classes": (20, 7), "nursery_classes": (20, 7), "toddler_small_classes": (15, 5),
         "mixed_classes": (18, 5), "infant_classes": (10, 3)}
BAND_ORDER = ["toddler_large_classes", "nursery_classes", "toddler_small_classes", "mixed_classes", "infant_classes"]


def childcare_capacity(r):
    cls = sum(r[b] * RATIO[b][0] for b in BAND_ORDER)
    c = r["caregivers"]
    care = 0
    for b in BAND_ORDER:  # ratio 7, then 5, then 3
        size, ratio = RATIO[b]
        cap = r[b] * size
        use = min(c, math.ceil(cap / ratio))
        care += min(cap, use * ratio)
        c -= use
    eff = min(r["registered_slots"], cls, care)
    # care is capped at class capacity, so caregivers "bind" only when care < cls
    binds = [n for n, v, lim in (("registered_slots", r["registered_slots"], None), ("classes", cls, None),
                                 ("caregivers", care, cls)) if v == eff and (lim is None or v < lim)]
    return eff, r["registered_slots"], cls, care, binds


def check_section(r):
    t = THRESH[r["level"]]
    per100 = r["students"] / 100.0
    vals = dict(q=r["teachers_qualified"] / per100, b=r["teachers_backbone"] / per100, pa=r["teachers_pe_art"] / per100,
                ta=r["teaching_area_m2"] / r["students"], sa=r["sports_area_m2"] / r["students"],
                eq=r["equipment_value_yuan"] / r["students"], mm=r["multimedia_rooms"] / per100)
    ratios = {k: vals[k] / t[k] for k in t}
    short = [k for k, v in ratios.items() if v < 1.0]
    ind_ok = len(short) == 0 or (len(short) == 1 and ratios[short[0]] >= 0.85)
    size_ok = r["max_class_size"] <= (45 if r["level"] == "primary" else 50)
    return ind_ok, size_ok, short, ratios


def summary(fac, secs, repairs):
    print("Township repairs:")
    for n, a0, a1, nd, ad in repairs:
        print(f"  {n}: area {a0:.4f} -> {a1:.4f} km2 ({(a1 - a0) / a0 * 100:+.4f}%), dropped {nd} part(s) {ad:.4f} km2")
    print("\nChildcare (eff = min(registered, classes, caregivers)):")
    tot_ex = tot_all = 0
    for r in fac:
        if r["id"].startswith("CC"):
            eff, reg, cls, care, binds = childcare_capacity(r)
            print(f"  {r['id']} {r['kind']:<27} {r['status']:<9} reg={reg:<4} classes={cls:<4} care={care:<4} eff={eff:<4} binds={'/'.join(binds)}")
            if r["status"] == "existing":
                tot_ex += eff
            if r["status"] != "candidate":
                tot_all += eff
    print(f"  existing total = {tot_ex} ({tot_ex / 129.216:.2f} per 1000); existing+planned = {tot_all}")
    inst = [r for r in fac if r["kind"] in ("elderly_institution", "nursing_home")]
    b = sum(r["beds"] for r in inst); nb = sum(r["nursing_beds"] for r in inst)
    print(f"\nElderly institutions beds={b} nursing={nb} ({nb / b * 100:.1f}%); "
          f"all elderly beds={sum(r['beds'] for r in fac if r['id'].startswith('EL'))}")
    for r in inst:
        print(f"  {r['id']} beds={r['beds']} nursing={r['nursing_beds']} m2/bed={r['room_usable_area_m2'] / r['beds']:.2f} max/room={r['max_beds_per_room']}")
    print("\nSchool sections:")
    by_school = {}
    for r in secs:
        ind_ok, size_ok, short, ratios = check_section(r)
        ok = ind_ok and size_ok
        by_school.setdefault(r["school_code"], []).append(ok)
        why = ",".join(f"{k}={ratios[k]:.2f}" for k in short)
        print(f"  {r['school_code']} {r['level']:<7} {r['kind']:<11} n={r['students']:<5} maxcls={r['max_class_size']} "
              f"{'PASS' if ok else 'FAIL'} short[{why}]{'' if size_ok else ' class-size'}")
    enrol = {}
    for r in secs:
        enrol[r["school_code"]] = enrol.get(r["school_code"], 0) + r["students"]
    npass = 0
    for code, oks in by_school.items():
        lim = 2000 if len(oks) == 1 else 2500
        ok = all(oks) and enrol[code] <= lim
        npass += ok
        print(f"  school {code}: {'PASS' if ok else 'FAIL'} (enrolment {enrol[code]})")
    print(f"  {npass}/{len(by_school)} compulsory schools pass")


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    build_census()
    geoms, repairs = build_townships()
    fac, secs = build_facilities(geoms)
    # every facility inside its township
    for r in fac:
        assert geoms[r["township_code"]][0].contains(Point(r["lon"], r["lat"])), r["id"]
    summary(fac, secs, repairs)


if __name__ == "__main__":
    sys.exit(main())
