#!/usr/bin/env bash
# Egress from inside a bubblewrap sandbox (network.mode: proxy, zero relays) vs the same proxy reached from the host,
# same run, interleaved. Needs bwrap and a built examples module:
#   mvn -q -Dmaven.repo.local=... -pl examples -am package -DskipTests
#   examples/bench/egress_bwrap_vs_host.sh [REPS=12]       (env: M2=<maven repo>, BENCH_SECONDS=1,
#                                                             BENCH_ROWS=ka,new,latency,bulk, BENCH_WARMUP_MAX=3)
# The load generator runs four ways per repetition: on the host in this JVM's session, on the host in a session of its
# own (setsid: the scheduling group every sandbox got from bwrap --new-session before c4j-pgrp replaced it), inside
# the sandbox (the bridge) and inside the same sandbox on the host network, in a random order per repetition (the seed is
# printed; BENCH_SEED repeats it). The bulk row also runs curl to /dev/null on every path (a steadier client than the
# JVM's). Many short repetitions: ratio cells are the median (interquartile range) of per-repetition ratios.
# M2 must lie outside $HOME (the sandbox hides $HOME).
set -euo pipefail
cd "$(dirname "$0")/../.."
REPS="${1:-12}"
M2="${M2:-$HOME/.m2/repository}"
CPFILE="$(mktemp /tmp/egress-bwrap-bench.XXXXXX)"
trap 'rm -f "$CPFILE"' EXIT
mvn -q -Dmaven.repo.local="$M2" -pl examples -DskipTests dependency:build-classpath -Dmdep.outputFile="$CPFILE" >/dev/null
CP="$PWD/examples/target/classes:$(cat "$CPFILE")"
SEED=()
if [ -n "${BENCH_SEED:-}" ]; then SEED=(-Dbench.seed="$BENCH_SEED"); fi
exec java -Xms256m -Xmx1g -Dbench.seconds="${BENCH_SECONDS:-1}" -Dbench.rows="${BENCH_ROWS:-ka,new,latency,bulk}" \
  -Dbench.warmup.max="${BENCH_WARMUP_MAX:-3}" "${SEED[@]}" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "$CP" dev.containment4j.examples.bench.BubblewrapEgressBench "$REPS"
