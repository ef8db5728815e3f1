#!/usr/bin/env bash
# Oneira's local stack, run by ./oneira up | down | status (see docs/operations.md).
#
# Everything runs as plain processes on 127.0.0.1, from jars: a Kafka broker (KRaft), S3Proxy (filesystem
# backend), PostgreSQL (the gallery's database), N dream workers and the gallery. All state is under the data
# folder (default ./data, or $ONEIRA_DATA): kafka/ (the broker's log), s3/ (the bucket), postgres/ (the
# database cluster), logs/, run/ (pids, ports, generated configs), lib/ (the broker's and S3Proxy's jars and
# PostgreSQL's binaries, fetched from Maven Central by Maven).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STACK_DIR="$ROOT/local-stack"
DATA="${ONEIRA_DATA:-$ROOT/data}"
RUN="$DATA/run"
LOGS="$DATA/logs"
LIB="${ONEIRA_LIB:-$DATA/lib}"
MVN=("$ROOT/mvnw" -B -ntp)

WORKER_JAR="${ONEIRA_WORKER_JAR:-$ROOT/dream-worker/target/quarkus-app/quarkus-run.jar}"
GALLERY_JAR="${ONEIRA_GALLERY_JAR:-$ROOT/gallery-web/target/quarkus-app/quarkus-run.jar}"
SHARED_JAR_GLOB="$ROOT/dream-worker/target/quarkus-app/lib/main/dev.oneira.shared-model-*.jar"

# Credentials of the local S3Proxy (same as the services' %dev profile). They are for this loopback
# stack only (S3Proxy listens on 127.0.0.1): never reuse them for a store reachable from elsewhere.
S3_ACCESS_KEY=oneira
S3_SECRET_KEY=oneira-secret
S3_BUCKET=oneira
S3_REGION=us-east-1
# The gallery's database: user and database "oneira", password generated on first start (postgres-password,
# readable by the owner only); PostgreSQL listens on 127.0.0.1 only and asks for the password (scram-sha-256).
DB_NAME=oneira
DB_USER=oneira

# Defaults (options override; ONEIRA_* env vars override the defaults).
WORKERS="${ONEIRA_WORKERS:-1}"
KAFKA_PORT="${ONEIRA_KAFKA_PORT:-9092}"
CONTROLLER_PORT=""
S3_PORT="${ONEIRA_S3_PORT:-9000}"
# 5433, not PostgreSQL's 5432: a PostgreSQL of the system may already listen there.
POSTGRES_PORT="${ONEIRA_POSTGRES_PORT:-5433}"
GALLERY_PORT="${ONEIRA_GALLERY_PORT:-8080}"
WORKER_PORT="${ONEIRA_WORKER_PORT:-8081}"
PARTITIONS="${ONEIRA_PARTITIONS:-}"
THREADS="${ONEIRA_DREAM_THREADS:-}"
DETACH=""
BUILD=yes
START_TIMEOUT="${ONEIRA_START_TIMEOUT:-180}"

say() { echo "oneira: $*" >&2; }
die() { local code=$1; shift; say "$*"; exit "$code"; }

usage_up() {
  cat <<EOF
Usage: ./oneira up [--workers N] [--kafka-port P] [--s3-port P] [--postgres-port P] [--gallery-port P]
                   [--worker-port P] [--partitions N] [--threads N] [--detach] [--no-build]
  Starts Kafka, S3Proxy, PostgreSQL, N dream workers and the gallery on 127.0.0.1 and waits until each is healthy.
  --workers N        dream workers (default 1), HTTP ports --worker-port .. +N-1 (default 8081)
  --kafka-port P     Kafka's client port (default 9092); its KRaft controller takes P+1
  --s3-port P        S3Proxy (default 9000)
  --postgres-port P  PostgreSQL, the gallery's database (default 5433)
  --gallery-port P   the gallery (default 8080)
  --partitions N     dream-requests partitions (default max(4, N workers); only ever grows)
  --threads N        PyTorch threads per worker (default cores / workers, at least 1)
  --detach, -d       return once everything is healthy (stop with ./oneira down)
  --no-build         do not build missing or stale jars
  Data, logs and pids live under \$ONEIRA_DATA (default ./data). Ctrl-C or ./oneira down stops it all.
EOF
}

# ---------- processes ----------

# The marker on every command line we start: tells our processes from a reused pid.
marker() { printf -- '-Doneira.stack=%s' "$DATA"; }
# PostgreSQL's form of it: a setting of its own (custom settings with a dot are allowed).
pg_marker() { printf -- '--oneira.stack=%s' "$DATA"; }

# Is pid $1 alive and one of ours?
ours() {
  local pid=$1
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  # PostgreSQL carries the same marker as a setting of its own (--oneira.stack=...).
  if [ -r "/proc/$pid/cmdline" ]; then
    tr '\0' '\n' <"/proc/$pid/cmdline" 2>/dev/null | grep -qxF -e "$(marker)" -e "$(pg_marker)"
  else
    ps -p "$pid" -o args= 2>/dev/null | grep -qF -e "$(marker)" -e "$(pg_marker)"
  fi
}

pid_of() { cat "$RUN/$1.pid" 2>/dev/null || true; }

# Component names from the run folder, in start order (kafka, s3proxy, postgres, workers, gallery).
components() {
  local n
  for n in kafka s3proxy postgres; do [ -f "$RUN/$n.pid" ] && echo "$n"; done
  ls "$RUN" 2>/dev/null | sed -n 's/^\(worker-[0-9]*\)\.pid$/\1/p' | sort -t- -k2 -n
  [ -f "$RUN/gallery.pid" ] && echo gallery
  return 0
}

any_running() {
  local c
  for c in $(components); do ours "$(pid_of "$c")" && return 0; done
  return 1
}

# start NAME PORT HEALTH_PATH -- command...   (HEALTH_PATH "-" = none)
start() {
  local name=$1 port=$2 health=$3
  shift 4
  local log="$LOGS/$name.log"
  printf '\n===== %s: %s starting =====\n' "$(date '+%F %T')" "$name" >>"$log"
  # A session of its own: Ctrl-C in the terminal reaches only this script, which stops the stack in order.
  if command -v setsid >/dev/null 2>&1; then
    (cd "$DATA" && exec setsid "$@" >>"$log" 2>&1 </dev/null) &
  else
    (cd "$DATA" && exec nohup "$@" >>"$log" 2>&1 </dev/null) &
  fi
  echo "$!" >"$RUN/$name.pid"
  echo "$port" >"$RUN/$name.port"
  echo "$health" >"$RUN/$name.health"
}

# stop NAME...: SIGTERM to all, wait up to $STOP_WAIT s, then SIGKILL.
stop() {
  local wait_s=$1
  shift
  local name pid alive deadline
  for name in "$@"; do
    pid=$(pid_of "$name")
    if ours "$pid"; then kill -TERM "$pid" 2>/dev/null || true; fi
  done
  deadline=$((SECONDS + wait_s))
  while :; do
    alive=""
    for name in "$@"; do
      pid=$(pid_of "$name")
      ours "$pid" && alive="$alive $name"
    done
    [ -z "$alive" ] && break
    if [ "$SECONDS" -ge "$deadline" ]; then
      say "did not stop within ${wait_s}s, killing:$alive"
      for name in $alive; do kill -KILL "$(pid_of "$name")" 2>/dev/null || true; done
      sleep 1
      break
    fi
    sleep 0.3
  done
  for name in "$@"; do rm -f "$RUN/$name.pid" "$RUN/$name.port" "$RUN/$name.health"; done
}

grace_seconds() {
  # DREAM_SHUTDOWN_GRACE as the worker reads it (30s default): 45s, 2m, PT30S or plain seconds.
  local g="${DREAM_SHUTDOWN_GRACE:-30s}" n
  g="${g#PT}"; g="${g,,}"
  n="${g//[^0-9]/}"
  n="${n:-30}"
  case "$g" in
    *m) echo $((n * 60)) ;;
    *ms) echo 1 ;;
    *) echo "$n" ;;
  esac
}

stop_all() {
  local workers
  workers=$(components | grep '^worker-' || true)
  # Front door and workers first (workers give their dream in flight the shutdown grace and need Kafka
  # to leave their group cleanly), then the broker, then the object store.
  # shellcheck disable=SC2086
  [ -n "$workers" ] || [ -f "$RUN/gallery.pid" ] && stop $(( $(grace_seconds) + 20 )) gallery $workers
  [ -f "$RUN/kafka.pid" ] && stop 40 kafka
  [ -f "$RUN/s3proxy.pid" ] && stop 20 s3proxy
  # SIGTERM: PostgreSQL's smart shutdown (its clients, the gallery, are gone), a checkpoint, then exit.
  [ -f "$RUN/postgres.pid" ] && stop 60 postgres
  rm -f "$RUN/up.pid"
  return 0
}

# ---------- ports and health ----------

port_in_use() { timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null; }

# HTTP status of GET http://127.0.0.1:PORT/PATH, or 000 (no curl needed).
http_status() {
  local code
  code=$(timeout 5 bash -c '
    exec 3<>/dev/tcp/127.0.0.1/'"$1"' || exit 1
    printf "GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n" "$0" >&3
    head -n 1 <&3' "$2" 2>/dev/null | awk '{print $2}') || true
  echo "${code:-000}"
}

health_of() {
  local name=$1 port health
  port=$(cat "$RUN/$name.port" 2>/dev/null || echo "")
  health=$(cat "$RUN/$name.health" 2>/dev/null || echo "-")
  if [ -z "$port" ]; then echo "?"; return; fi
  case "$health" in
    -) if port_in_use "$port"; then echo "listening"; else echo "not listening"; fi ;;
    any:*) local c; c=$(http_status "$port" "${health#any:}"); [ "$c" != 000 ] && echo "answering ($c)" || echo "not answering" ;;
    *) local c; c=$(http_status "$port" "$health"); [ "$c" = 200 ] && echo "ready" || echo "not ready ($c)" ;;
  esac
}

is_healthy() {
  case "$(health_of "$1")" in ready|listening|answering*) return 0 ;; *) return 1 ;; esac
}

fail_start() {
  local name=$1 why=$2
  say "$name $why; the end of $LOGS/$name.log:"
  tail -n 25 "$LOGS/$name.log" >&2 || true
  say "stopping what was started"
  stop_all
  exit 1
}

# wait_healthy SECONDS NAME...: all of them healthy, or fail with the log of the first that is not.
wait_healthy() {
  local wait_s=$1 name pending deadline
  shift
  deadline=$((SECONDS + wait_s))
  while :; do
    pending=""
    for name in "$@"; do
      ours "$(pid_of "$name")" || fail_start "$name" "exited during start"
      is_healthy "$name" || pending="$pending $name"
    done
    [ -z "$pending" ] && return 0
    [ "$SECONDS" -ge "$deadline" ] && fail_start "${pending# }" "is not healthy after ${wait_s}s"
    sleep 1
  done
}

# ---------- build and fetch ----------

ensure_built() {
  local stale="" newest_src
  if [ ! -f "$WORKER_JAR" ] || [ ! -f "$GALLERY_JAR" ]; then
    stale="missing"
  else
    local oldest="$WORKER_JAR"
    [ "$GALLERY_JAR" -ot "$oldest" ] && oldest="$GALLERY_JAR"
    newest_src=$(find "$ROOT/pom.xml" "$ROOT"/{shared-model,object-store,dream-engine,dream-worker,gallery-web}/pom.xml \
      "$ROOT"/{shared-model,object-store,dream-engine,dream-worker,gallery-web}/src/main \
      -type f -newer "$oldest" -print -quit 2>/dev/null || true)
    [ -n "$newest_src" ] && stale="older than $newest_src"
  fi
  if [ -n "$stale" ]; then
    if [ -z "$BUILD" ]; then
      [ "$stale" = missing ] && die 1 "the service jars are missing; build them with ./oneira build (or drop --no-build)"
      say "warning: jars are $stale (--no-build: not rebuilding)"
      return
    fi
    say "building the services (jars $stale; the first build fetches dependencies and the network)..."
    "${MVN[@]}" -q install -DskipTests -pl dream-worker,gallery-web -am >&2 || die 1 "the build failed"
  fi
}

# fetch NAME: copies the runtime pom's dependencies to $LIB/NAME once (again when the pom changes).
fetch() {
  local name=$1 pom="$STACK_DIR/runtime/$1/pom.xml" dir="$LIB/$1"
  if [ -f "$dir/.pom.xml" ] && cmp -s "$pom" "$dir/.pom.xml"; then return; fi
  say "fetching $name's jars from Maven Central into $dir..."
  rm -rf "$dir"
  mkdir -p "$dir"
  "${MVN[@]}" -q -f "$pom" dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$dir" >&2 \
    || die 1 "could not fetch $name's jars (Maven Central reachable? see the output above)"
  cp "$pom" "$dir/.pom.xml"
}

# ---------- the components ----------

start_kafka() {
  local conf="$RUN/kafka.properties" cid
  mkdir -p "$DATA/kafka"
  cat >"$conf" <<EOF
# Generated by ./oneira up: a single KRaft node (broker + controller) on 127.0.0.1.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$DATA/kafka
num.partitions=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
EOF
  local kjava=(java "$(marker)" -Xms128m -Xmx512m -Djava.awt.headless=true
    "-Dlog4j2.configurationFile=$STACK_DIR/conf/kafka-log4j2.properties" -cp "$LIB/kafka/*")
  if [ ! -f "$DATA/kafka/meta.properties" ]; then
    cid=$(cat "$DATA/kafka-cluster-id" 2>/dev/null || true)
    if [ -z "$cid" ]; then
      cid=$("${kjava[@]}" kafka.tools.StorageTool random-uuid 2>>"$LOGS/kafka.log" | tail -n 1)
      echo "$cid" >"$DATA/kafka-cluster-id"
    fi
    "${kjava[@]}" kafka.tools.StorageTool format -t "$cid" -c "$conf" --ignore-formatted >>"$LOGS/kafka.log" 2>&1 \
      || fail_start kafka "storage could not be formatted"
  fi
  local from
  from=$(wc -c <"$LOGS/kafka.log" 2>/dev/null || echo 0)
  start kafka "$KAFKA_PORT" - -- "${kjava[@]}" kafka.Kafka "$conf"
  local deadline=$((SECONDS + 90))
  until tail -c +"$((from + 1))" "$LOGS/kafka.log" 2>/dev/null | grep -q "Kafka Server started"; do
    ours "$(pid_of kafka)" || fail_start kafka "exited during start"
    [ "$SECONDS" -ge "$deadline" ] && fail_start kafka "did not start within 90s"
    sleep 0.5
  done
}

start_s3() {
  mkdir -p "$DATA/s3/$S3_BUCKET"
  # S3Proxy's filesystem backend serves a bucket (folder) or object (file) that others may read as
  # public-read: anonymous, unsigned listing and reads. Only the owner may read anything under s3/,
  # and S3Proxy creates what it writes with umask 077, so every call must be signed.
  chmod -R go-rwx "$DATA/s3"
  local mask
  mask=$(umask)
  umask 077
  cat >"$RUN/s3proxy.conf" <<EOF
# Generated by ./oneira up: S3Proxy with its filesystem backend (one folder per bucket).
s3proxy.endpoint=http://127.0.0.1:$S3_PORT
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$S3_ACCESS_KEY
s3proxy.credential=$S3_SECRET_KEY
jclouds.provider=filesystem-nio2
jclouds.filesystem.basedir=$DATA/s3
jclouds.identity=unused
jclouds.credential=unused
EOF
  start s3proxy "$S3_PORT" any:/ -- java "$(marker)" -Xms64m -Xmx256m \
    "-Dlogback.configurationFile=$STACK_DIR/conf/s3proxy-logback.xml" \
    -cp "$LIB/s3proxy/*" org.gaul.s3proxy.Main --properties "$RUN/s3proxy.conf"
  umask "$mask"
}

# ---------- PostgreSQL ----------

# PostgreSQL refuses to run as root: as root, its programs run in a user namespace of their own (unshare -U,
# as zonky's embedded-postgres does), where they are an unprivileged user; files stay the caller's.
as_db_user() {
  if [ "$(id -u)" = 0 ]; then
    command -v unshare >/dev/null 2>&1 || die 5 "PostgreSQL does not run as root, and unshare (util-linux) is missing; run as another user"
    unshare -U "$@"
  else
    "$@"
  fi
}

# PostgreSQL's server programs (initdb, postgres) unpacked from the binaries jar, once per version.
ensure_postgres() {
  fetch postgres
  local dist="$LIB/postgres/dist" jar
  [ -x "$dist/bin/postgres" ] && return
  jar=$(compgen -G "$LIB/postgres/embedded-postgres-binaries-*.jar" | head -n 1 || true)
  [ -n "$jar" ] || die 1 "PostgreSQL's binaries jar is missing under $LIB/postgres"
  command -v xz >/dev/null 2>&1 || die 5 "unpacking PostgreSQL needs xz (apt-get install xz-utils)"
  say "unpacking PostgreSQL into $dist..."
  rm -rf "$dist.tmp"
  mkdir -p "$dist.tmp"
  if command -v unzip >/dev/null 2>&1; then
    unzip -p "$jar" 'postgres-*.txz' | tar -xJ -C "$dist.tmp"
  else
    (cd "$dist.tmp" && jar xf "$jar" && tar -xJf postgres-*.txz && rm -f postgres-*.txz && rm -rf META-INF)
  fi || die 1 "could not unpack PostgreSQL from $jar"
  mv "$dist.tmp" "$dist"
}

db_password() { cat "$DATA/postgres-password"; }

start_postgres() {
  local pgdata="$DATA/postgres" bin="$LIB/postgres/dist/bin" from mask
  if [ ! -f "$pgdata/PG_VERSION" ]; then
    say "creating the gallery's database in $pgdata"
    mask=$(umask)
    umask 077
    [ -s "$DATA/postgres-password" ] || head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' >"$DATA/postgres-password"
    rm -rf "$pgdata"
    as_db_user "$bin/initdb" -D "$pgdata" -U "$DB_USER" --pwfile="$DATA/postgres-password" -A scram-sha-256 \
      -E UTF8 --no-locale >>"$LOGS/postgres.log" 2>&1 || { umask "$mask"; rm -rf "$pgdata"; fail_start postgres "could not be initialised (initdb)"; }
    echo "CREATE DATABASE $DB_NAME;" | as_db_user "$bin/postgres" --single -D "$pgdata" postgres >>"$LOGS/postgres.log" 2>&1 \
      || { umask "$mask"; rm -rf "$pgdata"; fail_start postgres "could not create the database $DB_NAME"; }
    umask "$mask"
  fi
  from=$(wc -c <"$LOGS/postgres.log" 2>/dev/null || echo 0)
  local as=()
  [ "$(id -u)" = 0 ] && as=(unshare -U)
  # unshare execs postgres (no fork): the pid recorded is the postmaster's
  start postgres "$POSTGRES_PORT" - -- "${as[@]}" "$bin/postgres" -D "$pgdata" -p "$POSTGRES_PORT" \
    -c listen_addresses=127.0.0.1 -c "unix_socket_directories=$RUN" "$(pg_marker)"
  local deadline=$((SECONDS + 60))
  until tail -c +"$((from + 1))" "$LOGS/postgres.log" 2>/dev/null | grep -q "database system is ready to accept connections"; do
    ours "$(pid_of postgres)" || fail_start postgres "exited during start"
    [ "$SECONDS" -ge "$deadline" ] && fail_start postgres "did not start within 60s"
    sleep 0.3
  done
}

# The gallery's database, as the gallery reads it (GALLERY_DB_*).
db_env() {
  printf '%s\n' \
    "GALLERY_DB_URL=jdbc:postgresql://127.0.0.1:$POSTGRES_PORT/$DB_NAME" \
    "GALLERY_DB_USER=$DB_USER" \
    "GALLERY_DB_PASSWORD=$(db_password)"
}

service_env() {
  printf '%s\n' \
    "KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$KAFKA_PORT" \
    "OBJECT_STORE_ENDPOINT=http://127.0.0.1:$S3_PORT" \
    "OBJECT_STORE_REGION=$S3_REGION" \
    "OBJECT_STORE_BUCKET=$S3_BUCKET" \
    "OBJECT_STORE_ACCESS_KEY=$S3_ACCESS_KEY" \
    "OBJECT_STORE_SECRET_KEY=$S3_SECRET_KEY" \
    "OBJECT_STORE_PATH_STYLE=true"
}

start_worker() {
  local i=$1 port=$((WORKER_PORT + $1 - 1)) envs
  mapfile -t envs < <(service_env)
  # GLIBC_TUNABLES: the engine's malloc settings, from ./oneira (see there)
  # shellcheck disable=SC2086
  start "worker-$i" "$port" /q/health/ready -- env "${envs[@]}" "DREAM_THREADS=$THREADS" \
    "GLIBC_TUNABLES=${ONEIRA_ENGINE_GLIBC_TUNABLES:-}" \
    java "$(marker)" ${ONEIRA_WORKER_JAVA_OPTS:--Xmx2g} -Djava.awt.headless=true \
    "-Dquarkus.http.host=127.0.0.1" "-Dquarkus.http.port=$port" "-Doneira.worker.id=local-worker-$i" \
    -jar "$WORKER_JAR"
}

start_gallery() {
  local envs
  mapfile -t envs < <(service_env; db_env)
  # shellcheck disable=SC2086
  # The public URL is the one printed: canonical and share links never come from a request's Host header.
  start gallery "$GALLERY_PORT" /q/health/ready -- env "${envs[@]}" \
    "GALLERY_PUBLIC_URL=${GALLERY_PUBLIC_URL:-http://127.0.0.1:$GALLERY_PORT}" \
    java "$(marker)" ${ONEIRA_GALLERY_JAVA_OPTS:--Xmx512m} -Djava.awt.headless=true \
    "-Dquarkus.http.host=127.0.0.1" "-Dquarkus.http.port=$GALLERY_PORT" -jar "$GALLERY_JAR"
}

# ---------- commands ----------

is_uint() { [[ "$1" =~ ^[0-9]+$ ]]; }

parse_up() {
  while [ $# -gt 0 ]; do
    case "$1" in
      --workers|--kafka-port|--s3-port|--postgres-port|--gallery-port|--worker-port|--partitions|--threads)
        [ $# -ge 2 ] && is_uint "$2" || die 2 "$1 needs a number (got '${2:-}')"
        case "$1" in
          --workers) WORKERS=$2 ;;
          --kafka-port) KAFKA_PORT=$2 ;;
          --s3-port) S3_PORT=$2 ;;
          --postgres-port) POSTGRES_PORT=$2 ;;
          --gallery-port) GALLERY_PORT=$2 ;;
          --worker-port) WORKER_PORT=$2 ;;
          --partitions) PARTITIONS=$2 ;;
          --threads) THREADS=$2 ;;
        esac
        shift 2 ;;
      --workers=*|--kafka-port=*|--s3-port=*|--postgres-port=*|--gallery-port=*|--worker-port=*|--partitions=*|--threads=*)
        parse_up "${1%%=*}" "${1#*=}"; shift ;;
      -d|--detach) DETACH=yes; shift ;;
      --no-build) BUILD=""; shift ;;
      -h|--help) usage_up; exit 0 ;;
      *) usage_up >&2; die 2 "unknown option '$1'" ;;
    esac
  done
}

check_port() {
  local port=$1 what=$2 option=$3
  if [ "$port" -lt 1 ] || [ "$port" -gt 65535 ]; then die 2 "$what port $port is out of range; use $option P"; fi
  if port_in_use "$port"; then
    die 3 "port $port ($what) is already in use on 127.0.0.1; choose another with $option P, or stop what listens there (ss -ltnp 'sport = :$port')"
  fi
}

cmd_up() {
  parse_up "$@"
  [ "$WORKERS" -ge 1 ] || die 2 "--workers must be at least 1"
  CONTROLLER_PORT=$((KAFKA_PORT + 1))
  [ -n "$PARTITIONS" ] || PARTITIONS=$(( WORKERS > 4 ? WORKERS : 4 ))
  [ "$PARTITIONS" -ge "$WORKERS" ] || say "warning: $WORKERS workers but $PARTITIONS partitions: $((WORKERS - PARTITIONS)) will idle"
  if [ -z "$THREADS" ]; then
    local cores
    cores=$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2)
    THREADS=$(( cores / WORKERS )); [ "$THREADS" -ge 1 ] || THREADS=1
  fi
  command -v java >/dev/null 2>&1 || die 5 "Java 17 or newer is needed (java not found on PATH)"

  mkdir -p "$RUN" "$LOGS" "$LIB"
  if any_running; then
    die 3 "a stack already runs from $DATA (./oneira status); stop it first with ./oneira down"
  fi
  rm -f "$RUN"/*.pid "$RUN"/*.port "$RUN"/*.health

  # Every port before anything starts, so a clash is reported at once and nothing is left half up.
  check_port "$KAFKA_PORT" "Kafka" --kafka-port
  check_port "$CONTROLLER_PORT" "Kafka's controller, --kafka-port + 1" --kafka-port
  check_port "$S3_PORT" "S3Proxy" --s3-port
  check_port "$POSTGRES_PORT" "PostgreSQL" --postgres-port
  check_port "$GALLERY_PORT" "the gallery" --gallery-port
  local i p
  for i in $(seq 1 "$WORKERS"); do
    p=$((WORKER_PORT + i - 1))
    [ "$p" = "$GALLERY_PORT" ] || [ "$p" = "$KAFKA_PORT" ] || [ "$p" = "$CONTROLLER_PORT" ] || [ "$p" = "$S3_PORT" ] \
      || [ "$p" = "$POSTGRES_PORT" ] \
      && die 3 "worker-$i's port $p clashes with another of the stack's ports; choose another with --worker-port P"
    check_port "$p" "worker-$i, --worker-port + $((i - 1))" --worker-port
  done

  ensure_built
  fetch kafka
  fetch s3proxy
  ensure_postgres
  local shared_jar
  shared_jar=$(compgen -G "$SHARED_JAR_GLOB" | head -n 1 || true)
  [ -n "$shared_jar" ] || die 1 "shared-model jar not found under dream-worker/target/quarkus-app/lib/main (build with ./oneira build)"

  echo $$ >"$RUN/up.pid"
  # Ctrl-C (or ./oneira down, which signals this process) stops everything in order, during start too.
  trap 'echo >&2; say "stopping..."; trap - INT TERM HUP; stop_all; say "stopped"; exit 0' INT TERM HUP
  local t0=$SECONDS
  say "starting Kafka on 127.0.0.1:$KAFKA_PORT, S3Proxy on 127.0.0.1:$S3_PORT and PostgreSQL on 127.0.0.1:$POSTGRES_PORT (data in $DATA)"
  start_s3
  start_postgres
  start_kafka
  wait_healthy 60 s3proxy
  java "$(marker)" -cp "$LIB/kafka/*:$shared_jar" "$STACK_DIR/src/main/java/dev/oneira/stack/StackAdmin.java" \
    "127.0.0.1:$KAFKA_PORT" "$PARTITIONS" 4 >>"$LOGS/topics.log" 2>&1 \
    || { tail -n 5 "$LOGS/topics.log" >&2; fail_start kafka "did not take the topics"; }
  grep '^topic ' "$LOGS/topics.log" | tail -n 3 | sed 's/^/  /' >&2

  say "starting $WORKERS dream worker(s) (ports $WORKER_PORT..$((WORKER_PORT + WORKERS - 1)), $THREADS thread(s) each) and the gallery"
  # PyTorch unpacks its natives on a worker's first start: let one worker do that alone.
  local first=1
  if ! compgen -G "${DJL_CACHE_DIR:-$HOME/.djl.ai}/pytorch/2.7.1-*" >/dev/null; then
    start_worker 1
    wait_healthy "$START_TIMEOUT" worker-1
    first=2
  fi
  local names=()
  for i in $(seq "$first" "$WORKERS"); do start_worker "$i"; names+=("worker-$i"); done
  start_gallery
  wait_healthy "$START_TIMEOUT" "${names[@]}" gallery

  echo "Oneira is up in $((SECONDS - t0)) s: http://127.0.0.1:$GALLERY_PORT/"
  echo "  $WORKERS worker(s), Kafka 127.0.0.1:$KAFKA_PORT, S3 http://127.0.0.1:$S3_PORT (bucket $S3_BUCKET, key $S3_ACCESS_KEY),"
  echo "  PostgreSQL 127.0.0.1:$POSTGRES_PORT (database $DB_NAME, user $DB_USER, password in $DATA/postgres-password)"
  echo "  logs in $LOGS; ./oneira status; stop with $( [ -n "$DETACH" ] && echo "./oneira down" || echo "Ctrl-C or ./oneira down")"
  if [ -n "$DETACH" ]; then
    trap - INT TERM HUP
    rm -f "$RUN/up.pid"
    return 0
  fi
  # Foreground: wait until everything has stopped (./oneira down from another shell signals us).
  local reported="" c
  while any_running; do
    for c in $(components); do
      if ! ours "$(pid_of "$c")" && [[ " $reported " != *" $c "* ]]; then
        say "$c has stopped; see $LOGS/$c.log"
        reported="$reported $c"
      fi
    done
    sleep 1 &
    wait $! || true
  done
  rm -f "$RUN/up.pid"
  say "stopped"
}

cmd_down() {
  [ $# -eq 0 ] || die 2 "down takes no arguments"
  local up
  up=$(cat "$RUN/up.pid" 2>/dev/null || true)
  if [ -n "$up" ] && kill -0 "$up" 2>/dev/null && [ "$up" != $$ ]; then
    # A foreground ./oneira up: let it stop the stack in order, and wait for it.
    kill -TERM "$up" 2>/dev/null || true
    local deadline=$((SECONDS + $(grace_seconds) + 90))
    while kill -0 "$up" 2>/dev/null && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.5; done
  fi
  if ! any_running; then
    rm -f "$RUN"/*.pid "$RUN"/*.port "$RUN"/*.health
    say "nothing runs from $DATA"
    return 0
  fi
  say "stopping the stack in $DATA..."
  stop_all
  say "stopped"
}

cmd_status() {
  [ $# -eq 0 ] || die 2 "status takes no arguments"
  local c pid port state health bad=0 any=0
  if [ -z "$(components)" ]; then
    echo "nothing runs from $DATA (start it with ./oneira up)"
    return 3
  fi
  printf '%-10s %-8s %-6s %s\n' NAME PID PORT STATE
  for c in $(components); do
    pid=$(pid_of "$c")
    port=$(cat "$RUN/$c.port" 2>/dev/null || echo "-")
    if ours "$pid"; then
      any=1
      health=$(health_of "$c")
      is_healthy "$c" || bad=1
      state="running, $health"
    else
      state="not running (see $LOGS/$c.log)"; bad=1
    fi
    printf '%-10s %-8s %-6s %s\n' "$c" "$pid" "$port" "$state"
  done
  if [ "$any" = 0 ]; then
    echo "(nothing runs from $DATA; start it with ./oneira up)"
    return 3
  fi
  [ -f "$RUN/gallery.port" ] && echo "gallery: http://127.0.0.1:$(cat "$RUN/gallery.port")/"
  return "$bad"
}

# Rebuilds the gallery's database rows from the manifests in the store (the stack must be up): the gallery's
# own jar, as a command, with the stack's settings; progress on stdout.
cmd_reindex() {
  [ $# -eq 0 ] || die 2 "reindex takes no arguments"
  local c
  for c in s3proxy postgres; do
    ours "$(pid_of "$c")" || die 3 "$c does not run from $DATA; start the stack first (./oneira up --detach)"
  done
  [ -f "$GALLERY_JAR" ] || die 1 "the gallery's jar is missing ($GALLERY_JAR); build it with ./oneira build"
  POSTGRES_PORT=$(cat "$RUN/postgres.port")
  S3_PORT=$(cat "$RUN/s3proxy.port")
  KAFKA_PORT=$(cat "$RUN/kafka.port" 2>/dev/null || echo "$KAFKA_PORT")
  local envs
  mapfile -t envs < <(service_env; db_env)
  # port 0: a free port of its own, beside the running gallery; nothing is served meanwhile
  env "${envs[@]}" java "$(marker)" -Xmx512m -Djava.awt.headless=true -Dquarkus.http.host=127.0.0.1 \
    -Dquarkus.http.port=0 -Dquarkus.log.level=WARN \
    -jar "$GALLERY_JAR" reindex
}

# moderator add NAME: the gallery's jar makes the account in the stack's database; the password is asked
# for on this terminal (or read from stdin when piped), never passed as an argument.
cmd_moderator() {
  [ $# -eq 2 ] && [ "$1" = add ] || die 2 "usage: oneira moderator add NAME"
  ours "$(pid_of postgres)" || die 3 "postgres does not run from $DATA; start the stack first (./oneira up --detach)"
  [ -f "$GALLERY_JAR" ] || die 1 "the gallery's jar is missing ($GALLERY_JAR); build it with ./oneira build"
  POSTGRES_PORT=$(cat "$RUN/postgres.port")
  S3_PORT=$(cat "$RUN/s3proxy.port" 2>/dev/null || echo "$S3_PORT")
  KAFKA_PORT=$(cat "$RUN/kafka.port" 2>/dev/null || echo "$KAFKA_PORT")
  local envs
  mapfile -t envs < <(service_env; db_env)
  env "${envs[@]}" java "$(marker)" -Xmx256m -Djava.awt.headless=true -Dquarkus.http.host=127.0.0.1 \
    -Dquarkus.http.port=0 -Dquarkus.log.level=WARN \
    -jar "$GALLERY_JAR" moderator "$@"
}

cmd="${1:-}"
[ $# -gt 0 ] && shift
case "$cmd" in
  up) cmd_up "$@" ;;
  down) cmd_down "$@" ;;
  status) cmd_status "$@" ;;
  reindex) cmd_reindex "$@" ;;
  moderator) cmd_moderator "$@" ;;
  *) die 2 "usage: stack.sh up|down|status|reindex|moderator" ;;
esac
