#!/usr/bin/env python3
"""One PySAL `access` run, timed from outside as a whole process by bench/access_side_by_side.py:
reads demand `id,value`, supply `id,value` and costs `origin,destination,cost` with pandas, computes
the floating-catchment measure and writes `id,access` (shortest round-trip floats).

    python3 bench/access_pysal_child.py DEMAND SUPPLY COST MAX_COST OUT [--method 2sfca|e2sfca]
"""
import argparse

import pandas as pd
from access import Access, weights


def main():
    ap = argparse.ArgumentParser()
    for a in ("demand", "supply", "cost"):
        ap.add_argument(a)
    ap.add_argument("max_cost", type=float)
    ap.add_argument("out")
    ap.add_argument("--method", choices=["2sfca", "e2sfca"], default="2sfca")
    a = ap.parse_args()
    demand = pd.read_csv(a.demand)
    supply = pd.read_csv(a.supply)
    cost = pd.read_csv(a.cost)
    acc = Access(demand_df=demand, demand_index="id", demand_value="value",
                 supply_df=supply, supply_index="id", supply_value="value",
                 cost_df=cost, cost_origin="origin", cost_dest="destination", cost_name="cost")
    if a.method == "2sfca":
        res = acc.two_stage_fca(name="a", max_cost=a.max_cost)
    else:
        third = a.max_cost / 3.0
        w = weights.step_fn({third: 1.0, 2.0 * third: 0.68, a.max_cost: 0.22})
        res = acc.enhanced_two_stage_fca(name="a", max_cost=a.max_cost, weight_fn=w)
    # Demand-file order, as `junheng access` writes it.
    res = res.reindex(demand["id"])
    with open(a.out, "w") as f:
        f.write("id,access\n")
        for i, v in zip(res.index, res.iloc[:, 0]):
            f.write(f"{i},{'' if v != v else repr(float(v))}\n")


if __name__ == "__main__":
    main()
