#!/usr/bin/env python3
"""Writes the Chicago accessibility benchmark files into OUT_DIR (deterministic, byte-identical on
every run):

    demand.csv  id,value                    1 930 tracts, value = `pop`
    supply.csv  id,value                    1 930 tracts, value = `doc` (primary-care physicians)
    cost.csv    origin,destination,cost     every pair of tract centroids within --max-cost metres
                                            (Euclidean, EPSG:2790), origin-major in file order

    python3 bench/chicago_access_files.py OUT_DIR [--data DIR] [--max-cost 30000]

Source: ../shared/data/us_chicago_access/ (PySAL `access`, commit cd591d4, chi_med; BSD-3-Clause).
The travel-time matrix of that data set was never published in git, so straight-line distance
between the tract centroids stands in for it. Costs are written with Python's shortest
Costs are metres rounded to the millimetre (`%.3f`), so every reader parses the same decimal text.
"""
import argparse
import json
import math
import os


def centroids(path, value):
    with open(path) as f:
        fc = json.load(f)
    return [(str(ft["properties"]["geoid"]), ft["properties"][value], ft["geometry"]["coordinates"])
            for ft in fc["features"]]


def default_data():
    """shared/data/us_chicago_access next to the repository or next to one of its parents (a
    git worktree may sit one level deeper than the main checkout)."""
    d = os.path.dirname(os.path.abspath(__file__))
    for _ in range(4):
        d = os.path.dirname(d)
        cand = os.path.join(d, "shared", "data", "us_chicago_access")
        if os.path.isdir(cand):
            return cand
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--data", default=default_data(), help="folder with chicago_metro_*.geojson")
    ap.add_argument("--max-cost", type=float, default=30000.0)
    a = ap.parse_args()
    if a.data is None:
        ap.error("no shared/data/us_chicago_access found above the repository: pass --data DIR")
    pop = centroids(os.path.join(a.data, "chicago_metro_pop.geojson"), "pop")
    doc = centroids(os.path.join(a.data, "chicago_metro_docs_dentists.geojson"), "doc")
    os.makedirs(a.out, exist_ok=True)
    with open(os.path.join(a.out, "demand.csv"), "w", newline="\n") as f:
        f.write("id,value\n")
        f.writelines(f"{g},{v}\n" for g, v, _ in pop)
    with open(os.path.join(a.out, "supply.csv"), "w", newline="\n") as f:
        f.write("id,value\n")
        f.writelines(f"{g},{v}\n" for g, v, _ in doc)
    pairs = 0
    with open(os.path.join(a.out, "cost.csv"), "w", newline="\n") as f:
        f.write("origin,destination,cost\n")
        for go, _, (xo, yo) in pop:
            lines = []
            for gd, _, (xd, yd) in doc:
                c = math.hypot(xd - xo, yd - yo)
                if c <= a.max_cost:
                    lines.append(f"{go},{gd},{c:.3f}\n")
            pairs += len(lines)
            f.writelines(lines)
    print(f"{len(pop)} demand, {len(doc)} supply, {pairs} pairs within {a.max_cost:g} m -> {a.out}")


if __name__ == "__main__":
    main()
