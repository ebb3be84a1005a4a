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

{
  echo "Backend \`$backend\`, $time_limit s per run, rate $rate ops/s, $concurrency clients."
  echo
  python3 chaos/matrix-summary.py "$out"
} >"$out/summary.md"
cat "$out/summary.md"
echo "run-matrix: $((total - failed)) of $total runs passed in $(( ($(date +%s) - matrix_started) / 60 )) min; summary in $out/summary.md"
[ "$failed" -eq 0 ]
