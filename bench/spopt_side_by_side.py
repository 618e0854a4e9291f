#!/usr/bin/env python3
"""Side-by-side: PySAL spopt PMedian (PuLP + CBC, dense MILP) vs `junheng locate pmedian` on
OR-Library pmed1–5. Usage:

    python3 bench/spopt_side_by_side.py --junheng target/release/junheng \
        --data /work/shared/data/benchmarks [--timeout 120] [--instances 1 2 3 4 5]

Both sides read the same file with the same rules (last duplicate edge wins, all-pairs shortest
paths). spopt's time covers APSP (scipy), model build and CBC; ours is the whole process run.
Each spopt solve runs in a child process killed after --timeout seconds.
"""
import argparse
import json
import subprocess
import sys
import time

from spopt_child import solve_with_timeout, spopt_missing


def read_pmed(path):
    with open(path) as f:
        tok = f.read().split()
    n, m, p = int(tok[0]), int(tok[1]), int(tok[2])
    last = {}
    k = 3
    for _ in range(m):
        u, v, c = int(tok[k]) - 1, int(tok[k + 1]) - 1, float(tok[k + 2])
        k += 3
        if u != v:
            last[(min(u, v), max(u, v))] = c  # the last listed duplicate wins
    return n, p, last


def spopt_solve(path, q):
    import numpy as np
    import pulp
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import shortest_path
    from spopt.locate import PMedian

    t = time.perf_counter()
    n, p, edges = read_pmed(path)
    rows = [u for (u, v) in edges] + [v for (u, v) in edges]
    cols = [v for (u, v) in edges] + [u for (u, v) in edges]
    vals = list(edges.values()) * 2
    g = csr_matrix((vals, (rows, cols)), shape=(n, n))
    dist = shortest_path(g, method="D", directed=False)
    model = PMedian.from_cost_matrix(dist, np.ones(n), p_facilities=p)
    model = model.solve(pulp.PULP_CBC_CMD(msg=False))
    status = pulp.LpStatus[model.problem.status]
    q.put((status, pulp.value(model.problem.objective), time.perf_counter() - t))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--junheng", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--timeout", type=float, default=120.0)
    ap.add_argument("--instances", type=int, nargs="*", default=[1, 2, 3, 4, 5])
    a = ap.parse_args()
    e = spopt_missing()
    if e is not None:
        print(f"spopt side-by-side skipped: {e} (pip install spopt pulp)")
        return 0
    print(f"{'instance':<9} {'spopt obj':>10} {'spopt s':>9} {'junheng obj':>12} {'junheng s':>10} {'lb':>8} {'speed-up':>9}")
    tot_s = tot_j = 0.0
    for k in a.instances:
        path = f"{a.data}/pmed/pmed{k}.txt"
        t = time.perf_counter()
        out = subprocess.run([a.junheng, "locate", "pmedian", "--orlib", path, "--format", "json"],
                             capture_output=True, text=True, check=True).stdout
        tj = time.perf_counter() - t
        ours = json.loads(out)
        status, obj, ts = solve_with_timeout(spopt_solve, (path,), a.timeout)
        tot_s += ts
        tot_j += tj
        print(f"pmed{k:<5} {obj:>10.0f} {ts:>9.2f} {ours['objective']:>12.0f} {tj:>10.3f} "
              f"{ours['lower_bound']:>8.0f} {ts / tj:>8.0f}x  ({status})")
    print(f"TOTAL spopt {tot_s:.2f} s, junheng {tot_j:.3f} s, ratio {tot_s / tot_j:.0f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
