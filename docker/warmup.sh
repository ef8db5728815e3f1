#!/bin/sh
# Bakes PyTorch's native libraries into the CPU image: run at build time (Dockerfile.worker-cpu), it dreams
# once on a tiny image with the worker's own jars, which makes DJL unpack its natives into $DJL_CACHE_DIR.
# (Not for the CUDA image: loading CUDA libraries needs the GPU driver, which a build does not have.) The container then starts with nothing to download or unpack. The network's
# weights are inside the dream-engine jar already.
#
# Usage: warmup.sh APP_DIR PHOTO    (APP_DIR = the worker's quarkus-app folder)
set -eu
app="${1:?usage: warmup.sh APP_DIR PHOTO}"
photo="${2:?usage: warmup.sh APP_DIR PHOTO}"
: "${DJL_CACHE_DIR:?set DJL_CACHE_DIR to where the natives must be baked}"
out="$(mktemp -d)"
# lib/boot holds the JBoss LogManager that the logging property names; lib/main the rest (Quarkus' fast-jar).
java -Djava.util.logging.manager=org.jboss.logmanager.LogManager -Djava.awt.headless=true \
  -cp "$app/lib/boot/*:$app/lib/main/*" dev.oneira.engine.cli.OneiraCli dream "$photo" "$out/dream.png" \
  --max-side 64 --octaves 0 --steps 1 --tile 128 --seed 1 --quiet
test -s "$out/dream.png"
rm -rf "$out"
ls -d "$DJL_CACHE_DIR"/pytorch/*
