#!/usr/bin/env bash
# Egress proxy benchmark: containment4j's proxy (CONNECT and SOCKS5) vs squid (CONNECT) vs direct, same run,
# interleaved, loopback only. Needs squid (apt-get install squid; for the benchmark only) and a built examples module:
#   mvn -q -Dmaven.repo.local=... -pl examples -am package -DskipTests
#   examples/bench/egress_vs_squid.sh [REPS]          (env: M2=<maven repo>, BENCH_SECONDS=4, BENCH_WARMUP_MAX=60)
set -euo pipefail
cd "$(dirname "$0")/../.."
REPS="${1:-3}"
M2="${M2:-$HOME/.m2/repository}"
WORK="$(mktemp -d /tmp/egress-bench.XXXXXX)"
ORIGIN_PORT=18080 OURS_PORT=18128 SQUID_PORT=18129
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT

mvn -q -Dmaven.repo.local="$M2" -pl examples -am -DskipTests package dependency:build-classpath -Dmdep.outputFile="$WORK/cp" >/dev/null
CP="examples/target/classes:$(cat "$WORK/cp")"
cat >"$WORK/logback.xml" <<'XML'
<configuration><root level="WARN"/></configuration>
XML
JAVA=(java -Dlogback.configurationFile="$WORK/logback.xml" -Dbench.seconds="${BENCH_SECONDS:-4}" -Dbench.warmup.max="${BENCH_WARMUP_MAX:-60}" -Xms256m -Xmx512m -cp "$CP" dev.containment4j.examples.bench.EgressBench)

"${JAVA[@]}" origin "$ORIGIN_PORT" >"$WORK/origin.log" 2>&1 & pids+=($!)
"${JAVA[@]}" proxy "$OURS_PORT" "$ORIGIN_PORT" >"$WORK/ours.log" 2>&1 & pids+=($!); OURS_PID=$!

cat >"$WORK/squid.conf" <<CONF
http_port 127.0.0.1:$SQUID_PORT
acl all src all
http_access allow all
cache deny all
access_log none
cache_log $WORK/squid-cache.log
pid_filename $WORK/squid.pid
coredump_dir $WORK
shutdown_lifetime 1 seconds
max_filedescriptors 8192
CONF
chmod 755 "$WORK"
squid -N -f "$WORK/squid.conf" 2>"$WORK/squid.err" & pids+=($!); SQUID_PID=$!

for port in $ORIGIN_PORT $OURS_PORT $SQUID_PORT; do
  for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null && break; sleep 0.1; done
done
echo "squid $(squid -v | head -1 | awk '{print $4}'), $(java -version 2>&1 | head -1), $(nproc) CPUs, $(date -u +%FT%TZ)"
echo "load average at start: $(cut -d" " -f1-3 /proc/loadavg)"
"${JAVA[@]/-Xmx512m/-Xmx1g}" load "$ORIGIN_PORT" "$REPS" \
  direct=direct:$ORIGIN_PORT squid=connect:$SQUID_PORT:$SQUID_PID \
  c4j-connect=connect:$OURS_PORT:$OURS_PID c4j-socks5=socks:$OURS_PORT:$OURS_PID
echo "load average at the end: $(cut -d" " -f1-3 /proc/loadavg)"
