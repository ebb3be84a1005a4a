#!/usr/bin/env bash
# RaftTower vs etcd on the same machine, measured by the same load generator in one invocation.
#
#   bench/compare-etcd.sh [--duration S (10)] [--quick (= --duration 3)] [--warmup S (2)] [--out DIR]
#                         [--cluster-warmup S (10)] [--workloads put,get,mixed,hot-add] [--clients 1,16,64,256]
#                         [--keys K (10000)] [--no-coalesce]
#
# Starts a 3-node etcd cluster (Debian's etcd-server, installed if missing) and a 3-node RaftTower cluster
# (Release rafttower-node, --sync-mode Fsync) on 127.0.0.1 — one system at a time: for each workload, a fresh
# etcd cluster runs every client count and is stopped, then a fresh RaftTower cluster does the same, so the two
# systems of a row are measured minutes apart under the same machine load and never compete for the CPU.
# Each fresh cluster first serves --cluster-warmup seconds of untimed mixed load at 64 clients, the same for both:
# a long-running server is measured, not a just-started .NET process still compiling its hot path.
# Both fsync every commit: etcd fsyncs its WAL before acknowledging (its default; there is no switch to turn
# that off in 3.4), RaftTower is started with --sync-mode Fsync (one fsync per loop turn's batch). Both snapshot
# every 100,000 entries: etcd 3.4's default --snapshot-count, given to RaftTower as --snapshot-interval (its own
# default is 10,000).
# Writes <out>/results.json, <out>/chart.svg and the per-run JSON, prints one table with the ratio
# RaftTower/etcd per row. Every process it starts and its temporary directory are removed on exit.
# --no-coalesce runs the RaftTower client with CoalesceCalls = false (one gRPC call per operation, as etcd's
# clientv3 makes), to see how much of the result is the client's coalescing of concurrent calls.
set -euo pipefail

duration=10
warmup=2
cluster_warmup=10
keys=10000
workloads="put,get,mixed,hot-add"
clients="1,16,64,256"
out=""
rafttower_args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --duration) duration="$2"; shift 2 ;;
    --quick) duration=3; shift ;;
    --warmup) warmup="$2"; shift 2 ;;
    --cluster-warmup) cluster_warmup="$2"; shift 2 ;;
    --keys) keys="$2"; shift 2 ;;
    --workloads) workloads="$2"; shift 2 ;;
    --clients) clients="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --no-coalesce) rafttower_args=(--no-coalesce); shift ;;
    -h|--help) sed -n '2,21p' "$0"; exit 0 ;;
    *) echo "compare-etcd: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done
for n in "$duration" "$warmup" "$cluster_warmup" "$keys"; do
  [[ "$n" =~ ^[0-9]+$ ]] || { echo "compare-etcd: '$n' is not a whole number" >&2; exit 2; }
done
[[ "$duration" -ge 1 && "$duration" -le 3600 ]] || { echo "compare-etcd: --duration must be 1..3600" >&2; exit 2; }
for w in ${workloads//,/ }; do
  [[ "$w" =~ ^(put|get|mixed|hot-add)$ ]] || { echo "compare-etcd: unknown workload '$w'" >&2; exit 2; }
done
for c in ${clients//,/ }; do
  [[ "$c" =~ ^[0-9]+$ && "$c" -ge 1 ]] || { echo "compare-etcd: bad client count '$c'" >&2; exit 2; }
done

repo="$(cd "$(dirname "$0")/.." && pwd)"
out="${out:-$repo/bench/results/compare-$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$out/runs"
out="$(cd "$out" && pwd)"
tmp="$(mktemp -d "${TMPDIR:-/tmp}/rafttower-compare.XXXXXX")"
pids=()

log() { printf '[%(%H:%M:%S)T] %s\n' -1 "$*"; }

stop_cluster() {
  local pid
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  pids=()
}

cleanup() {
  local code=$?
  stop_cluster
  rm -rf "$tmp"
  exit "$code"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

command -v python3 >/dev/null || { echo "compare-etcd: python3 is needed for the report" >&2; exit 1; }
command -v curl >/dev/null || { echo "compare-etcd: curl is needed for health checks" >&2; exit 1; }
if ! command -v etcd >/dev/null; then
  log "installing Debian's etcd-server"
  if [[ $(id -u) -eq 0 ]]; then apt-get install -y etcd-server >/dev/null; else sudo apt-get install -y etcd-server >/dev/null; fi
fi

log "building Release (bench and node)"
dotnet build "$repo/bench/RaftTower.Bench" -c Release -nologo -v q >/dev/null
dotnet build "$repo/src/Node" -c Release -nologo -v q >/dev/null
bench_dll="$repo/bench/RaftTower.Bench/bin/Release/net10.0/RaftTower.Bench.dll"
node_dll="$repo/src/Node/bin/Release/net10.0/rafttower-node.dll"

wait_healthy() { # url... — every URL answers 200 within 60 s
  local deadline=$((SECONDS + 60)) url
  for url in "$@"; do
    until curl -sf -o /dev/null --max-time 2 "$url"; do
      if ((SECONDS > deadline)); then echo "compare-etcd: $url not healthy after 60 s; logs in $tmp" >&2; tail -n 20 "$tmp"/*.log >&2; exit 1; fi
      for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null || { echo "compare-etcd: a cluster process died" >&2; tail -n 20 "$tmp"/*.log >&2; exit 1; }; done
      sleep 0.3
    done
  done
}

start_etcd() {
  local dir="$tmp/etcd-$1" cluster="" i
  for i in 0 1 2; do cluster+="${cluster:+,}e$i=http://127.0.0.1:$((23800 + i))"; done
  for i in 0 1 2; do
    mkdir -p "$dir/e$i"
    etcd --name "e$i" --data-dir "$dir/e$i" \
      --listen-client-urls "http://127.0.0.1:$((23790 + i))" --advertise-client-urls "http://127.0.0.1:$((23790 + i))" \
      --listen-peer-urls "http://127.0.0.1:$((23800 + i))" --initial-advertise-peer-urls "http://127.0.0.1:$((23800 + i))" \
      --initial-cluster "$cluster" --initial-cluster-state new --initial-cluster-token "compare-$1" \
      --logger zap --log-level warn >"$tmp/etcd-$1-e$i.log" 2>&1 &
    pids+=($!)
  done
  wait_healthy http://127.0.0.1:23790/health http://127.0.0.1:23791/health http://127.0.0.1:23792/health
  endpoints="http://127.0.0.1:23790,http://127.0.0.1:23791,http://127.0.0.1:23792"
}

start_rafttower() {
  local dir="$tmp/rafttower-$1" members="" i
  for i in 1 2 3; do members+="${members:+,}$i=127.0.0.1:$((27200 + i))"; done
  for i in 1 2 3; do
    mkdir -p "$dir/n$i"
    DOTNET_gcServer=1 dotnet "$node_dll" --id "$i" --data-dir "$dir/n$i" \
      --client-url "http://127.0.0.1:$((27100 + i))" --peer-url "tcp://127.0.0.1:$((27200 + i))" \
      --http-url "http://127.0.0.1:$((27300 + i))" --members "$members" --sync-mode Fsync --snapshot-interval 100000 \
      >"$tmp/rafttower-$1-n$i.log" 2>&1 &
    pids+=($!)
  done
  wait_healthy http://127.0.0.1:27301/health http://127.0.0.1:27302/health http://127.0.0.1:27303/health
  endpoints="http://127.0.0.1:27101,http://127.0.0.1:27102,http://127.0.0.1:27103"
}

# The load generator drives both systems with the same .NET process settings, so that at 256 concurrent calls the
# client process is not what is measured (both found with the "client_process" figures of the run JSON):
# - ArrayPool.Shared keeps 32 arrays per size and core by default; with 256 calls in flight SocketsHttpHandler's
#   HTTP/2 buffers ran it dry and every call allocated ~28 KB instead of ~6.5 KB (at 64 clients), so 512;
# - a 64 MiB gen0 budget: with the default one nearly every collection was a gen1 and the generator paused
#   0.5-0.65 s per 4 s.
load_gen() { DOTNET_SYSTEM_BUFFERS_SHAREDARRAYPOOL_MAXARRAYSPERPARTITION=512 DOTNET_GCgen0size=0x4000000 dotnet "$@"; }

run_load() { # system workload clients
  local file="$out/runs/$1-$2-$3.json" line extra=()
  [[ "$1" == rafttower ]] && extra=("${rafttower_args[@]}")
  if ! load_gen "$bench_dll" --driver "$1" --endpoints "$endpoints" --workload "$2" --clients "$3" \
      --duration "$duration" --warmup "$warmup" --keys "$keys" --json "$file" "${extra[@]}" >"$tmp/load.txt" 2>&1; then
    echo "compare-etcd: $1 $2 $3 clients failed:" >&2; cat "$tmp/load.txt" >&2
  fi
  line="$(tail -n 1 "$tmp/load.txt")"
  [[ "$line" == first\ error* ]] && line="$(tail -n 2 "$tmp/load.txt" | head -n 1)   ($line)"
  log "  $line"
}

log "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), data under $tmp ($(df -T "$tmp" | awk 'NR==2{print $2}'))"
log "$(etcd --version | head -n 1), duration ${duration}s + warm-up ${warmup}s per run (cluster warm-up ${cluster_warmup}s), results in $out"
# The network floor the single-client rows sit on (a read there is two round trips): recorded with every comparison.
rtt="$(python3 "$repo/bench/loopback-rtt.py" 5000)" || { echo "compare-etcd: bench/loopback-rtt.py failed" >&2; exit 1; }
log "floor: $rtt"
echo "$rtt" >"$out/loopback-rtt.txt"
uptime >"$out/load-before.txt"
loads=()
for w in ${workloads//,/ }; do
  for system in etcd rafttower; do
    log "$w: starting a fresh 3-node $system cluster"
    "start_$system" "$w"
    if [[ "$cluster_warmup" -gt 0 ]]; then
      log "$w: $system, cluster warm-up ${cluster_warmup}s (mixed, 64 clients, not recorded)"
      load_gen "$bench_dll" --driver "$system" --endpoints "$endpoints" --workload mixed --clients 64 \
        --duration "$cluster_warmup" --warmup 0 --keys "$keys" >"$tmp/warmup.txt" 2>&1 || { cat "$tmp/warmup.txt" >&2; exit 1; }
    fi
    for c in ${clients//,/ }; do
      log "$w: $system, $c clients"
      run_load "$system" "$w" "$c"
      loads+=("$(cut -d' ' -f1 /proc/loadavg)")
    done
    stop_cluster
  done
done
uptime >"$out/load-after.txt"

log "load average (1 min) after each run: ${loads[*]}"
python3 - "$out" "$duration" "$warmup" "${loads[*]}" "$cluster_warmup" "$rtt" <<'PY'
import json, os, sys, glob, html
out, duration, warmup, loads = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4].split()
loopback_rtt = sys.argv[6]
runs = [json.load(open(f)) for f in sorted(glob.glob(os.path.join(out, "runs", "*.json")))]
by = {(r["driver"], r["workload"], r["clients"]): r for r in runs}
order = ["put", "get", "mixed", "hot-add"]
rows = sorted({(r["workload"], r["clients"]) for r in runs}, key=lambda k: (order.index(k[0]), k[1]))
def ratio(a, b): return a / b if a is not None and b else None
table = []
for w, c in rows:
    e, t = by.get(("etcd", w, c)), by.get(("rafttower", w, c))
    g = lambda r, k: r[k] if r else None
    table.append(dict(workload=w, clients=c,
        etcd_ops=g(e, "throughput"), rafttower_ops=g(t, "throughput"),
        throughput_ratio=ratio(g(t, "throughput"), g(e, "throughput")),
        etcd_p99_ms=g(e, "p99_ms"), rafttower_p99_ms=g(t, "p99_ms"),
        p99_ratio=ratio(g(t, "p99_ms"), g(e, "p99_ms")),
        etcd_errors=g(e, "errors"), rafttower_errors=g(t, "errors")))
f = lambda v, p="{:,.0f}": "-" if v is None else p.format(v)
print()
print(f"{'workload':<8} {'clients':>7} | {'etcd ops/s':>10} {'RT ops/s':>10} {'RT/etcd':>7} | {'etcd p99':>9} {'RT p99':>9} {'RT/etcd':>7} | errors e/RT")
for r in table:
    print(f"{r['workload']:<8} {r['clients']:>7} | {f(r['etcd_ops']):>10} {f(r['rafttower_ops']):>10} {f(r['throughput_ratio'], '{:.2f}x'):>7} | "
          f"{f(r['etcd_p99_ms'], '{:.2f}'):>9} {f(r['rafttower_p99_ms'], '{:.2f}'):>9} {f(r['p99_ratio'], '{:.2f}x'):>7} | {f(r['etcd_errors'])}/{f(r['rafttower_errors'])}")
print("(p99 in ms; a throughput ratio above 1 and a p99 ratio below 1 favour RaftTower)")
json.dump(dict(duration_s=duration, warmup_s=warmup, cluster_warmup_s=int(sys.argv[5]), cores=os.cpu_count(), loopback_rtt=loopback_rtt, load_average_1m_after_each_run=loads,
               rows=table, runs=runs), open(os.path.join(out, "results.json"), "w"), indent=2)

# chart.svg: one panel per workload, grouped bars of throughput per client count.
W, H, pad = 300, 220, 40
panels = [w for w in order if any(r["workload"] == w for r in table)]
svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W * len(panels)}" height="{H + 40}" font-family="sans-serif" font-size="11">',
       f'<text x="8" y="16" font-size="13">RaftTower vs etcd, 3 nodes on loopback, fsync per commit: ops/s ({duration} s per run)</text>',
       '<rect x="8" y="{0}" width="10" height="10" fill="#d9534f"/><text x="22" y="{1}">etcd</text>'.format(H + 22, H + 31),
       '<rect x="70" y="{0}" width="10" height="10" fill="#337ab7"/><text x="84" y="{1}">RaftTower</text>'.format(H + 22, H + 31)]
for i, w in enumerate(panels):
    rs = [r for r in table if r["workload"] == w]
    top = max([v for r in rs for v in (r["etcd_ops"], r["rafttower_ops"]) if v] or [1])
    x0, base, span = i * W + pad, H - 10, H - 60
    svg.append(f'<text x="{x0}" y="38" font-weight="bold">{html.escape(w)}</text><text x="{x0 + 80}" y="38">max {top:,.0f}/s</text>')
    svg.append(f'<line x1="{x0}" y1="{base}" x2="{x0 + W - pad - 10}" y2="{base}" stroke="#999"/>')
    gw = (W - pad - 10) / max(1, len(rs))
    for j, r in enumerate(rs):
        for k, (v, color) in enumerate(((r["etcd_ops"], "#d9534f"), (r["rafttower_ops"], "#337ab7"))):
            h = 0 if not v else span * v / top
            svg.append(f'<rect x="{x0 + j * gw + 4 + k * (gw / 2 - 4):.1f}" y="{base - h:.1f}" width="{gw / 2 - 6:.1f}" height="{h:.1f}" fill="{color}"><title>{v}</title></rect>')
        svg.append(f'<text x="{x0 + j * gw + gw / 2:.1f}" y="{base + 12}" text-anchor="middle">{r["clients"]}</text>')
        if r["throughput_ratio"]:
            svg.append(f'<text x="{x0 + j * gw + gw / 2:.1f}" y="52" text-anchor="middle" fill="#333">{r["throughput_ratio"]:.2f}x</text>')
svg.append("</svg>")
open(os.path.join(out, "chart.svg"), "w").write("\n".join(svg))
print(f"wrote {os.path.join(out, 'results.json')} and {os.path.join(out, 'chart.svg')}")
PY
