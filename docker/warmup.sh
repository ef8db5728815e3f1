#!/bin/sh
# Bakes PyTorch's native libraries into the image: run at build time (Dockerfile.worker-*), it dreams once
# on a tiny image with the worker's own jars, which makes DJL unpack (CPU) or link (CUDA) its natives
# into $DJL_CACHE_DIR. The container then starts with nothing to download or unpack. The network's
# weights are inside the dream-engine jar already.
#
# Usage: warmup.sh APP_DIR PHOTO    (APP_DIR = the worker's quarkus-app folder)
set -eu
app="${1:?usage: warmup.sh APP_DIR PHOTO}"
photo="${2:?usage: warmup.sh APP_DIR PHOTO}"
: "${DJL_CACHE_DIR:?set DJL_CACHE_DIR to where the natives must be baked}"
out="$(mktemp -d)"
java -Djava.util.logging.manager=org.jboss.logmanager.LogManager -Djava.awt.headless=true \
  -cp "$app/lib/main/*" dev.oneira.engine.cli.OneiraCli dream "$photo" "$out/dream.png" \
  --max-side 64 --octaves 0 --steps 1 --tile 128 --seed 1 --quiet
test -s "$out/dream.png"
rm -rf "$out"
ls -d "$DJL_CACHE_DIR"/pytorch/*
