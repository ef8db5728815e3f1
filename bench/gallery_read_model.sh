#!/usr/bin/env bash
# Usage: bench/gallery_read_model.sh [DREAMS (100000)] [ROUNDS (300)]
# The gallery's read model at size (docs/benchmarks.md): builds the gallery's jar and test classes in
# this checkout (no install), fills a real PostgreSQL with DREAMS dreams, starts the packaged gallery on
# it and on an empty database, and prints start times and page latencies as ratios to /q/health/live.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
./mvnw -B -ntp -q -pl gallery-web -am package -DskipTests \
  dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >&2
cd gallery-web
exec java -Xmx1g -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  dev.oneira.gallery.bench.ReadModelBench "${1:-100000}" "${2:-300}" target/quarkus-app/quarkus-run.jar
