#!/usr/bin/env python3
"""Markdown summary table of chaos/run-matrix.sh runs.

    python3 chaos/matrix-summary.py DIR [DIR ...]

Reads every DIR/<nodes>n-<workload>-<nemesis>/ (exit, run.log, history.jsonl, results.json) and prints one row per
run: operations by outcome, the faults held (from the nemesis lines of run.log), the result and the checker verdict
(shortened). Rows are in matrix order: nodes, workload, nemesis.
"""
import collections
import json
import os
import re
import sys

WORKLOADS = ["register", "counter", "set", "append"]
NEMESES = ["none", "partition", "kill", "pause", "member", "all"]


def order(run):
    nodes, workload, nemesis = run["nodes"], run["workload"], run["nemesis"]
    return (int(nodes), WORKLOADS.index(workload) if workload in WORKLOADS else 99,
            NEMESES.index(nemesis) if nemesis in NEMESES else 99, nemesis)


def shorten(checker, explanation):
    if checker == "list-append":
        keys = re.findall(r'key "[^"]+": (\d+) reads all prefixes of one order of (\d+) elements; (\d+) acknowledged', explanation)
        if keys and len(keys) == explanation.count('key "'):
            reads = sum(int(k[0]) for k in keys)
            acked = sum(int(k[2]) for k in keys)
            return f"{len(keys)} lists, {reads:,} reads all prefixes of one order, {acked:,} acknowledged appends in place"
    return explanation if len(explanation) <= 160 else explanation[:157] + "..."


def runs(directory):
    for name in os.listdir(directory):
        path = os.path.join(directory, name)
        match = re.fullmatch(r"(\d+)n-([a-z]+)-(.+)", name)
        if not match or not os.path.isfile(os.path.join(path, "exit")):
            continue
        rc, wall = open(os.path.join(path, "exit")).read().split()
        yield {"path": path, "nodes": match.group(1), "workload": match.group(2),
               "nemesis": match.group(3).replace("+", ","), "rc": rc, "wall": wall}


def row(run):
    ok = fail = info = 0
    history = os.path.join(run["path"], "history.jsonl")
    if os.path.isfile(history):
        for line in open(history):
            outcome = json.loads(line).get("ok")
            if outcome is True:
                ok += 1
            elif outcome is False:
                fail += 1
            else:
                info += 1
    faults = collections.Counter()
    log = os.path.join(run["path"], "run.log")
    for line in open(log, errors="replace") if os.path.isfile(log) else []:
        held = re.match(r"nemesis:\s+[\d.]+s (?!healed|could not)(\S+(?: \S+)?)", line)
        if held:
            faults[re.sub(r" n\d+.*| \[.*| \(.*", "", held.group(1))] += 1
    verdict = "no verdict (the run did not finish; see run.log)"
    results = os.path.join(run["path"], "results.json")
    if os.path.isfile(results):
        document = json.load(open(results))
        verdict = "; ".join(f"{c['name']}: {shorten(c['name'], c['explanation'])}" for c in document["checkers"])
    status = "PASS" if run["rc"] == "0" else f"FAIL (exit {run['rc']})"
    held = ", ".join(f"{k} ×{v}" if v > 1 else k for k, v in sorted(faults.items())) or "none"
    return (f"| {run['nodes']} | {run['workload']} | {run['nemesis']} | {ok + fail + info:,} | {ok:,} / {fail:,} / {info:,} "
            f"| {held} | {status} | {verdict} | {run['wall']} s |")


def main(directories):
    all_runs = sorted((r for d in directories for r in runs(d)), key=order)
    print("| nodes | workload | nemesis | ops | ok / fail / indeterminate | faults held | result | checker verdict | wall |")
    print("|---:|---|---|---:|---|---|---|---|---:|")
    for run in all_runs:
        print(row(run))
    passed = sum(1 for r in all_runs if r["rc"] == "0")
    print(f"\n{passed} of {len(all_runs)} runs passed.")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1:])
