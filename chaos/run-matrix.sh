#!/usr/bin/env bash
# The long chaos matrix: every workload x every nemesis x each cluster size, one run at a time, then a Markdown
# summary table (DIR/summary.md, printed at the end). Exit 0 only when every run passed.
#
#   chaos/run-matrix.sh [--backend docker|local (docker)] [--nodes 3,5] [--workloads register,counter,set,append]
#                       [--nemeses partition,kill,pause,member,all] [--time-limit S (60)] [--rate OPS (100)]
#                       [--concurrency N (5)] [--out DIR (chaos-matrix-<date>)] [--seed N]
#
# Each run writes DIR/<nodes>n-<workload>-<nemesis>/ (history.jsonl, results.json, report.html, logs/, run.log) and
# is bounded by `timeout` (3 x the time limit + 120 s). The docker backend's image is rebuilt first from this
# checkout (deploy/build-image.sh) so the matrix tests the code it sits beside.
set -euo pipefail
cd "$(dirname "$0")/.."

backend=docker nodes=3,5 workloads=register,counter,set,append nemeses=partition,kill,pause,member,all
time_limit=60 rate=100 concurrency=5 out="chaos-matrix-$(date -u +%Y%m%d-%H%M%S)" seed=""
while [ $# -gt 0 ]; do
  [ $# -ge 2 ] || { echo "run-matrix: option $1 needs a value" >&2; exit 2; }
  case "$1" in
    --backend) backend="$2" ;; --nodes) nodes="$2" ;; --workloads) workloads="$2" ;; --nemeses) nemeses="$2" ;;
    --time-limit) time_limit="$2" ;; --rate) rate="$2" ;; --concurrency) concurrency="$2" ;; --out) out="$2" ;;
    --seed) seed="$2" ;;
    *) echo "run-matrix: unknown option $1 (see the header of $0)" >&2; exit 2 ;;
  esac
  shift 2
done
[[ "$time_limit" =~ ^[0-9]+$ && "$time_limit" -ge 10 ]] || { echo "run-matrix: --time-limit must be an integer >= 10" >&2; exit 2; }
command -v python3 >/dev/null || { echo "run-matrix: python3 is needed for the summary" >&2; exit 2; }

mkdir -p "$out"
echo "run-matrix: building the harness and the node (Release)"
dotnet build -c Release chaos/RaftTower.Chaos -v quiet -nologo >"$out/build.log" 2>&1 || { tail -20 "$out/build.log" >&2; exit 2; }
if [ "$backend" = docker ]; then
  deploy/ensure-dockerd.sh
  deploy/build-image.sh
fi

total=0 failed=0
matrix_started=$(date +%s)
for n in ${nodes//,/ }; do
  for workload in ${workloads//,/ }; do
    for nemesis in ${nemeses//,/ }; do
      name="${n}n-${workload}-${nemesis//,/+}"
      dir="$out/$name"
      total=$((total + 1))
      started=$(date +%s)
      args=(--backend "$backend" --nodes "$n" --workload "$workload" --nemesis "$nemesis" --time-limit "$time_limit"
            --rate "$rate" --concurrency "$concurrency" --out "$dir")
      [ -n "$seed" ] && args+=(--seed "$seed")
      mkdir -p "$dir"
      set +e
      timeout $((time_limit * 3 + 120)) dotnet run --no-build -c Release --project chaos/RaftTower.Chaos -- "${args[@]}" >"$dir/run.log" 2>&1
      rc=$?
      set -e
      echo "$rc $(( $(date +%s) - started ))" >"$dir/exit"
      [ "$rc" -eq 0 ] || failed=$((failed + 1))
      printf 'run-matrix: %-28s %s in %3d s (%d of %d failed so far)\n' "$name" "$([ "$rc" -eq 0 ] && echo PASS || echo "FAIL rc=$rc")" \
        "$(( $(date +%s) - started ))" "$failed" "$total"
    done
  done
done

python3 - "$out" "$backend" "$time_limit" "$rate" "$concurrency" >"$out/summary.md" <<'PY'
import collections, json, os, re, sys
out, backend, time_limit, rate, concurrency = sys.argv[1:]
rows = []
for name in sorted(os.listdir(out), key=lambda s: (int(s.split('n-')[0]) if s[0].isdigit() else 0, s)):
    d = os.path.join(out, name)
    if not os.path.isfile(os.path.join(d, "exit")):
        continue
    rc, wall = open(os.path.join(d, "exit")).read().split()
    nodes, rest = name.split("n-", 1)
    workload, nemesis = rest.split("-", 1)
    ok = fail = info = 0
    hist = os.path.join(d, "history.jsonl")
    if os.path.isfile(hist):
        for line in open(hist):
            o = json.loads(line).get("ok")
            if o is True: ok += 1
            elif o is False: fail += 1
            else: info += 1
    faults = collections.Counter()
    log = os.path.join(d, "run.log")
    for line in open(log, errors="replace") if os.path.isfile(log) else []:
        m = re.match(r"nemesis:\s+[\d.]+s (?!healed)(\S+(?: \S+)?)", line)
        if m:
            kind = m.group(1)
            kind = re.sub(r" n\d+.*| \[.*", "", kind)
            faults[kind] += 1
    verdict = "no results (see run.log)"
    res = os.path.join(d, "results.json")
    if os.path.isfile(res):
        r = json.load(open(res))
        verdict = "; ".join(f"{c['name']}: {c['explanation']}" for c in r["checkers"])
    status = "PASS" if rc == "0" else f"FAIL ({rc})"
    fault_text = ", ".join(f"{k} ×{v}" if v > 1 else k for k, v in sorted(faults.items())) or "none"
    rows.append(f"| {nodes} | {workload} | {nemesis.replace('+', ',')} | {ok + fail + info:,} | {ok:,} / {fail:,} / {info:,} | {fault_text} | {status} | {verdict} | {wall} s |")
print(f"Backend `{backend}`, {time_limit} s per run, rate {rate} ops/s, {concurrency} clients.\n")
print("| nodes | workload | nemesis | ops | ok / fail / indeterminate | faults held | result | checker verdict | wall |")
print("|---:|---|---|---:|---|---|---|---|---:|")
print("\n".join(rows))
PY
cat "$out/summary.md"
echo "run-matrix: $((total - failed)) of $total runs passed in $(( ($(date +%s) - matrix_started) / 60 )) min; summary in $out/summary.md"
[ "$failed" -eq 0 ]
