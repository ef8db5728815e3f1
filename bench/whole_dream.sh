#!/usr/bin/env bash
# Whole CLI dreams, process start to PNG written: ./oneira dream against bench/dream_eager.py (the same
# work in PyTorch eager), alternating which runs first, on a 500-px photo (samples/coffee.png fitted to
# 500x333), octaves -1..1, 20 steps per octave, jitter 0, one tile. Prints each run and the median ratio.
#   bench/whole_dream.sh [--rounds N] [--threads N] [--octaves A..B] [--steps N]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds=3 threads=2 octaves=-1..1 steps=20
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --octaves) octaves="$2"; shift 2 ;;
    --steps) steps="$2"; shift 2 ;;
    *) echo "whole_dream.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
/usr/bin/python3 -c "
from PIL import Image
im = Image.open('$ROOT/samples/coffee.png').convert('RGB')
im.resize((500, round(500 * im.size[1] / im.size[0])), Image.LANCZOS).save('$tmp/photo.png')"
"$ROOT/oneira" dream "$tmp/photo.png" "$tmp/warm.png" --octaves 0..0 --steps 1 --quiet >/dev/null 2>&1 # builds the engine if needed

run_java() {
  local t0 t1
  t0=$(date +%s.%N)
  "$ROOT/oneira" dream "$tmp/photo.png" "$tmp/engine.png" --octaves="$octaves" --steps "$steps" --jitter 0 \
    --tile 1024 --seed 1 --threads "$threads" --quiet >/dev/null
  t1=$(date +%s.%N)
  echo "engine $(echo "$t1 - $t0" | bc)" >>"$tmp/log"
}
run_torch() {
  local t0 t1
  t0=$(date +%s.%N)
  /usr/bin/python3 "$ROOT/bench/dream_eager.py" "$tmp/photo.png" "$tmp/torch.png" --octaves="$octaves" \
    --steps "$steps" --threads "$threads" >/dev/null
  t1=$(date +%s.%N)
  echo "torch $(echo "$t1 - $t0" | bc)" >>"$tmp/log"
}
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq 1 "$rounds"); do
  if [ $((r % 2)) -eq 1 ]; then run_java; run_torch; else run_torch; run_java; fi
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/python3 - "$tmp/log" <<'PY'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    k, v = line.split()
    runs.setdefault(k, []).append(float(v))
e, t = statistics.median(runs["engine"]), statistics.median(runs["torch"])
print("engine s: %s (median %.2f)" % (", ".join("%.2f" % v for v in runs["engine"]), e))
print("pytorch eager s: %s (median %.2f)" % (", ".join("%.2f" % v for v in runs["torch"]), t))
print("ratio engine / pytorch eager: %.2f" % (e / t))
PY
