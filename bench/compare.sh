#!/usr/bin/env bash
# Side-by-side benchmark: Oneira's engine (./oneira bench) against the PyTorch eager reference
# (bench/pytorch_eager.py), same sizes, same threads, alternating which goes first in each round,
# so that a noisy neighbour on a shared machine hurts both alike. Prints the ratio engine/PyTorch
# of the median seconds per gradient step (below 1.0: the engine is faster).
#
#   bench/compare.sh [--rounds 3] [--threads 2] [--sizes 500x375,1024x768] [--channels-last-reference]
# --channels-last-reference also runs PyTorch eager with channels-last weights and image (as the engine
# runs) in every round: a second ratio that separates the memory format from the rest of the engine.
# Needs: Debian's python3-torch and libopenblas0-pthread (see bench/README.md).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds=3 threads=2 sizes=500x375,1024x768 warmup=2 repeats=5 cl_reference=no
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --sizes) sizes="$2"; shift 2 ;;
    --repeats) repeats="$2"; shift 2 ;;
    --channels-last-reference) cl_reference=yes; shift ;;
    *) echo "compare.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
if ! /usr/bin/python3 -c 'import torch' 2>/dev/null; then
  echo "compare.sh: Debian's PyTorch is missing: apt-get install -y python3-torch libopenblas0-pthread" >&2
  exit 2
fi
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
run_java() { "$ROOT/oneira" bench --threads "$threads" --sizes "$sizes" --warmup "$warmup" --repeats "$repeats" 2>/dev/null | grep '^RESULT' >>"$log"; }
run_eager() { /usr/bin/python3 "$ROOT/bench/pytorch_eager.py" "$@" --threads "$threads" --sizes "$sizes" --warmup "$warmup" --repeats "$repeats" 2>/dev/null | grep '^RESULT' >>"$log"; }
run_torch() {
  run_eager
  if [ "$cl_reference" = yes ]; then run_eager --channels-last; fi
}

echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq 1 "$rounds"); do
  if [ $((r % 2)) -eq 1 ]; then run_java; run_torch; else run_torch; run_java; fi
  echo "round $r/$rounds done"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/python3 - "$log" <<'PY'
import re, statistics, sys
rows = {}
for line in open(sys.argv[1]):
    f = dict(kv.split("=", 1) for kv in line.split()[1:])
    rows.setdefault((f["size"], f["impl"]), []).append(float(f["median_s"]))
sizes = sorted({s for s, _ in rows}, key=lambda s: int(s.split("x")[0]) * int(s.split("x")[1]))
print(f"{'size':>10} {'engine s/step':>14} {'pytorch s/step':>15} {'ratio':>6}   (median over rounds of each run's median)")
for s in sizes:
    j = rows.get((s, "djl"), []); t = rows.get((s, "pytorch-eager"), [])
    if not j or not t:
        continue
    mj, mt = statistics.median(j), statistics.median(t)
    print(f"{s:>10} {mj:>14.3f} {mt:>15.3f} {mj / mt:>6.2f}   engine runs {', '.join(f'{v:.3f}' for v in j)}; pytorch runs {', '.join(f'{v:.3f}' for v in t)}")
    c = rows.get((s, "pytorch-eager-channels-last"), [])
    if c:
        mc = statistics.median(c)
        print(f"{'':>10} {'':>14} {mc:>15.3f} {mj / mc:>6.2f}   (PyTorch eager in channels-last: runs {', '.join(f'{v:.3f}' for v in c)})")
PY
