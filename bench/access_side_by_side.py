#!/usr/bin/env python3
"""Side-by-side: PySAL `access` (pandas) vs `junheng access` on the Chicago metro tracts
(1 930 demand and supply locations, 1.69 M cost pairs within 30 km). Usage:

    python3 bench/access_side_by_side.py --junheng target/release/junheng \
        [--data ../shared/data/us_chicago_access] [--files DIR] [--repeat 3]

Both sides are whole processes on the same three files (bench/chicago_access_files.py writes
them once into --files), timed by `/usr/bin/time -v`: wall-clock seconds and peak resident
memory. PySAL's side is bench/access_pysal_child.py (read the CSVs with pandas, build `Access`,
compute, write `id,access`); ours is `junheng access --format csv`. Every value is compared:
both must give the same tracts, the same empties, and values within 1e-9. `access` is installed
with pip when it is missing.
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from chicago_access_files import default_data  # noqa: E402

TOL = 1e-9
GOAL_SPEED, GOAL_MEMORY = 3.0, 0.5


def ensure_access():
    try:
        import access  # noqa: F401
        return None
    except ImportError:
        pass
    print("installing PySAL access (pip install access) ...", flush=True)
    r = subprocess.run([sys.executable, "-m", "pip", "install", "-q", "access"],
                       capture_output=True, text=True)
    if r.returncode != 0:
        return r.stderr.strip().splitlines()[-1] if r.stderr.strip() else "pip failed"
    return None


def timed(cmd, stdout_path):
    """Runs cmd under /usr/bin/time -v; returns (seconds, peak MiB)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as t, open(stdout_path, "w") as out:
        r = subprocess.run(["/usr/bin/time", "-v", "-o", t.name] + cmd, stdout=out,
                           stderr=subprocess.PIPE, text=True)
        if r.returncode != 0:
            sys.exit(f"failed ({r.returncode}): {' '.join(cmd)}\n{r.stderr}")
        secs = rss = None
        for line in t.read().splitlines():
            line = line.strip()
            if line.startswith("Elapsed (wall clock)"):
                clock = line.rsplit(" ", 1)[1].split(":")
                secs = sum(float(x) * 60 ** k for k, x in enumerate(reversed(clock)))
            elif line.startswith("Maximum resident set size"):
                rss = int(line.rsplit(" ", 1)[1]) / 1024
        return secs, rss


def read_values(path):
    out = {}
    with open(path) as f:
        next(f)
        for line in f:
            i, v = line.rstrip("\n").split(",")
            out[i] = float(v) if v else None
    return out


def compare(ours, theirs):
    """(max |Δ|, list of problems)."""
    bad, worst = [], 0.0
    if ours.keys() != theirs.keys():
        bad.append(f"ids differ: {len(ours.keys() ^ theirs.keys())} not in both")
    for i in ours.keys() & theirs.keys():
        a, b = ours[i], theirs[i]
        if (a is None) != (b is None):
            bad.append(f"{i}: junheng {a} vs access {b}")
        elif a is not None:
            worst = max(worst, abs(a - b))
            if abs(a - b) > TOL:
                bad.append(f"{i}: junheng {a!r} vs access {b!r}")
    return worst, bad


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--junheng", required=True)
    ap.add_argument("--data", default=default_data())
    ap.add_argument("--files", default=os.path.join(tempfile.gettempdir(), "junheng-access-chicago"))
    ap.add_argument("--max-cost", type=float, default=30000.0)
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    if a.data is None or not os.path.isdir(a.data):
        print(f"access side-by-side skipped: no Chicago data at {a.data} (pass --data)")
        return 0
    e = ensure_access()
    if e is not None:
        print(f"access side-by-side skipped: {e}")
        return 0
    files = [os.path.join(a.files, n) for n in ("demand.csv", "supply.csv", "cost.csv")]
    if not all(os.path.exists(f) for f in files):
        subprocess.run([sys.executable, os.path.join(HERE, "chicago_access_files.py"), a.files,
                        "--data", a.data, "--max-cost", str(a.max_cost)], check=True)
    with open(files[2], "rb") as f:
        pairs = sum(1 for _ in f) - 1
    size_mb = os.path.getsize(files[2]) / 1e6
    third = a.max_cost / 3
    steps = f"{third!r}:1,{2 * third!r}:0.68,{a.max_cost!r}:0.22"
    print(f"# Chicago: {pairs} pairs ({size_mb:.0f} MB cost CSV), cost ≤ {a.max_cost:g} m; "
          f"median of {a.repeat} whole-process runs each ({os.cpu_count()} cores)")
    print(f"{'method':<7} {'access s':>9} {'MiB':>6} {'junheng s':>10} {'MiB':>6} "
          f"{'speed-up':>9} {'memory':>7} {'max |Δ|':>9}")
    ok = True
    tot = [0.0, 0.0, 0.0, 0.0]
    out_dir = tempfile.mkdtemp(prefix="junheng-access-out-")
    for method in ("2sfca", "e2sfca"):
        ours_csv = os.path.join(out_dir, f"junheng_{method}.csv")
        theirs_csv = os.path.join(out_dir, f"access_{method}.csv")
        ours_cmd = [a.junheng, "access", "--method", method, "--demand", files[0],
                    "--supply", files[1], "--cost", files[2], "--max-cost", repr(a.max_cost),
                    "--format", "csv"]
        if method == "e2sfca":
            ours_cmd += ["--steps", steps]
        theirs_cmd = [sys.executable, os.path.join(HERE, "access_pysal_child.py"), *files,
                      repr(a.max_cost), theirs_csv, "--method", method]
        runs_t, runs_o = [], []
        for _ in range(a.repeat):
            # Alternate the sides so a burst of load on this shared machine hits both.
            runs_t.append(timed(theirs_cmd, os.devnull))
            runs_o.append(timed(ours_cmd, ours_csv))
        ts, tm = (statistics.median(x) for x in zip(*runs_t))
        os_, om = (statistics.median(x) for x in zip(*runs_o))
        worst, bad = compare(read_values(ours_csv), read_values(theirs_csv))
        ok &= not bad
        for b in bad[:5]:
            print("  MISMATCH", b)
        tot = [tot[0] + ts, tot[1] + tm, tot[2] + os_, tot[3] + om]
        print(f"{method:<7} {ts:>9.3f} {tm:>6.0f} {os_:>10.3f} {om:>6.0f} {ts / os_:>8.1f}x "
              f"{om / tm:>6.2f}x {worst:>9.1e}" + ("" if not bad else f"  {len(bad)} values differ"))
        if method == "2sfca":
            goal = (ts / os_ >= GOAL_SPEED, om / tm <= GOAL_MEMORY, not bad)
    print(f"TOTAL access {tot[0]:.2f} s, junheng {tot[2]:.2f} s, ratio {tot[0] / tot[2]:.1f}x; "
          f"peak memory ratio {tot[3] / tot[1]:.2f}")
    met = all(goal)
    print(f"2SFCA goal (≥{GOAL_SPEED:g}× faster, ≤{GOAL_MEMORY:g}× the memory, every value within "
          f"{TOL:g}): {'met' if met else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
