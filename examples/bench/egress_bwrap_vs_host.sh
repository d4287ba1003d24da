#!/usr/bin/env bash
# Egress from inside a bubblewrap sandbox (network.mode: proxy, zero relays) vs the same proxy reached from the host,
# same run, interleaved. Needs bwrap and a built examples module:
#   mvn -q -Dmaven.repo.local=... -pl examples -am package -DskipTests
#   examples/bench/egress_bwrap_vs_host.sh [REPS]          (env: M2=<maven repo>, BENCH_SECONDS=4,
#                                                             BENCH_ROWS=ka,new,latency,bulk, BENCH_WARMUP_MAX=6)
# The load generator runs four ways per repetition: on the host in this JVM's session, on the host in a session of its
# own (setsid: the scheduling group every sandbox got from bwrap --new-session before c4j-pgrp replaced it), inside
# the sandbox (the bridge) and inside the same sandbox on the host network. M2 must lie outside $HOME (the sandbox hides $HOME).
set -euo pipefail
cd "$(dirname "$0")/../.."
REPS="${1:-3}"
M2="${M2:-$HOME/.m2/repository}"
CPFILE="$(mktemp /tmp/egress-bwrap-bench.XXXXXX)"
trap 'rm -f "$CPFILE"' EXIT
mvn -q -Dmaven.repo.local="$M2" -pl examples -DskipTests dependency:build-classpath -Dmdep.outputFile="$CPFILE" >/dev/null
CP="$PWD/examples/target/classes:$(cat "$CPFILE")"
exec java -Xms256m -Xmx1g -Dbench.seconds="${BENCH_SECONDS:-4}" -Dbench.rows="${BENCH_ROWS:-ka,new,latency,bulk}" \
  -Dbench.warmup.max="${BENCH_WARMUP_MAX:-6}" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "$CP" dev.containment4j.examples.bench.BubblewrapEgressBench "$REPS"
