#!/usr/bin/env python3
"""Side-by-side: PySAL spopt MCLP (PuLP + CBC, dense MILP) vs `junheng locate mclp --sjc` on a
spread of rows of benchmarks/mclp/optimal.tsv — easy ones the Lagrangian bound proves and the
hardest ones HiGHS has to close. Usage:

    python3 bench/spopt_mclp_side_by_side.py --junheng target/release/junheng \
        --data /work/shared/data/benchmarks [--timeout 120]

Both sides read the same SJC file and use the same rule (covered iff Euclidean distance <= S).
spopt's time covers the distance matrix (scipy), model build and CBC; ours is the whole process
run. Each spopt solve runs in a child process killed after --timeout seconds.
"""
import argparse
import json
import subprocess
import sys
import time

from spopt_child import solve_with_timeout, spopt_missing

ROWS = [
    ("SJC324.txt", 800, 3),
    ("SJC402.txt", 1200, 2),
    ("SJC500.txt", 800, 7),
    ("SJC708.txt", 800, 9),
    ("SJC818.txt", 800, 12),
    ("SJC818.txt", 1200, 6),
    ("SJC500.txt", 200, 40),
    ("SJC818.txt", 150, 140),
    ("SJC818.txt", 200, 100),
]


def read_sjc(path):
    with open(path) as f:
        lines = [l.split() for l in f if l.strip()]
    pts = [(float(x), float(y)) for x, y, *_ in lines[1:]]
    w = [float(r[2]) for r in lines[1:]]
    return pts, w


def spopt_solve(path, s, p, q):
    import numpy as np
    import pulp
    from scipy.spatial import distance_matrix
    from spopt.locate import MCLP

    t = time.perf_counter()
    pts, w = read_sjc(path)
    xy = np.array(pts)
    cost = distance_matrix(xy, xy)
    model = MCLP.from_cost_matrix(cost, np.array(w), service_radius=s, p_facilities=p)
    model = model.solve(pulp.PULP_CBC_CMD(msg=False))
    status = pulp.LpStatus[model.problem.status]
    q.put((status, pulp.value(model.problem.objective), time.perf_counter() - t))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--junheng", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--timeout", type=float, default=120.0)
    a = ap.parse_args()
    e = spopt_missing()
    if e is not None:
        print(f"spopt MCLP side-by-side skipped: {e} (pip install spopt pulp)")
        return 0
    print(f"{'row':<22} {'spopt obj':>10} {'spopt s':>8} {'junheng obj':>12} {'junheng s':>10} "
          f"{'proof':>10} {'speed-up':>9}")
    tot_s = tot_j = 0.0
    for name, s, p in ROWS:
        path = f"{a.data}/mclp/sjc/{name}"
        t = time.perf_counter()
        out = subprocess.run([a.junheng, "locate", "mclp", "--sjc", path, "--radius", str(s),
                              "--p", str(p), "--format", "json"], capture_output=True, text=True, check=True).stdout
        tj = time.perf_counter() - t
        ours = json.loads(out)
        status, obj, ts = solve_with_timeout(spopt_solve, (path, s, p), a.timeout)
        tot_s += ts
        tot_j += tj
        proof = ours["proof"] if ours["optimal"] else "open"
        print(f"{name[:-4]} S={s} p={p:<6} {obj:>10.0f} {ts:>8.2f} {ours['objective']:>12.0f} "
              f"{tj:>10.3f} {proof:>10} {ts / tj:>8.1f}x  ({status})")
    print(f"TOTAL spopt {tot_s:.2f} s, junheng {tot_j:.3f} s, ratio {tot_s / tot_j:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
