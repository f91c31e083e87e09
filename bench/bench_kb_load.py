#!/usr/bin/env python3
"""KB load budget (issue 11: <= 1 s and <= 250 MB RSS in a fresh process).

Usage::

    .venv/bin/python bench/bench_kb_load.py [--runs 5]

Starts a fresh interpreter per run, imports ``eventcoder.actors.kb`` and calls ``load_kb()``,
and prints the load's wall and CPU seconds and the process's peak RSS (MB), then the
median of each.  The CPU time is the stable number on a shared machine; the wall time
includes waiting for the CPU.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys

CHILD = r"""
import json, resource, time
w0, c0 = time.perf_counter(), time.process_time()
from eventcoder.actors.kb import load_kb
kb = load_kb()
w1, c1 = time.perf_counter(), time.process_time()
kb.person("Joe Biden", "2023-05-01")  # first lookup (reads the nicknames data on demand)
w2 = time.perf_counter()
print(json.dumps({"wall": w1 - w0, "cpu": c1 - c0, "first_lookup": w2 - w1,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args(argv)
    rows = []
    for _ in range(args.runs):
        out = subprocess.run([sys.executable, "-c", CHILD], check=True, capture_output=True, text=True).stdout
        rows.append(json.loads(out.strip().splitlines()[-1]))
        print(" ".join(f"{k} {v:.3f}" for k, v in rows[-1].items()))
    med = {k: statistics.median(r[k] for r in rows) for k in rows[0]}
    print("median " + " ".join(f"{k} {v:.3f}" for k, v in med.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
