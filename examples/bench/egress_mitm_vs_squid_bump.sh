#!/usr/bin/env bash
# TLS interception benchmark: containment4j's proxy (tls: intercept) vs direct TLS (and squid ssl-bump, see below),
# interleaved, loopback only. Needs squid built with OpenSSL (apt-get install squid-openssl; benchmark only) and
# openssl. Usage: examples/bench/egress_mitm_vs_squid_bump.sh [REPS]   (env: M2=<maven repo>, BENCH_SECONDS=4, BENCH_WARMUP_MAX=60)
set -euo pipefail
cd "$(dirname "$0")/../.."
REPS="${1:-3}"
M2="${M2:-$HOME/.m2/repository}"
WORK="$(mktemp -d /tmp/egress-mitm.XXXXXX)"
ORIGIN_PORT=18443 OURS_PORT=18138 SQUID_PORT=18139
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; [ -n "${KEEP:-}" ] || rm -rf "$WORK"; }
trap cleanup EXIT

mvn -q -Dmaven.repo.local="$M2" -pl examples -am -DskipTests package dependency:build-classpath -Dmdep.outputFile="$WORK/cp" >/dev/null
CP="examples/target/classes:$(cat "$WORK/cp")"

# origin PKI (EC P-256, like our interception CA) and squid's bump CA
cd "$WORK"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj "/CN=bench origin CA" \
  -keyout origin-ca.key -out origin-ca.pem 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj "/CN=origin.test" \
  -keyout origin.key -out origin.csr 2>/dev/null
printf 'subjectAltName=DNS:origin.test,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n' > ext.cnf
openssl x509 -req -in origin.csr -CA origin-ca.pem -CAkey origin-ca.key -CAcreateserial -days 2 -extfile ext.cnf \
  -out origin.pem 2>/dev/null
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj "/CN=bench squid CA" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
  -keyout squid-ca.key -out squid-ca.pem 2>/dev/null
/usr/lib/squid/security_file_certgen -c -s "$WORK/ssldb" -M 16MB >/dev/null
echo "127.0.0.1 origin.test" > hosts
# squid drops to user proxy: it must be able to write its cache log and the certificate db
chmod -R a+rX "$WORK"; chown proxy "$WORK"; chown -R proxy "$WORK/ssldb" 2>/dev/null || true
cd - >/dev/null

cat >"$WORK/logback.xml" <<'XML'
<configuration><root level="WARN"/></configuration>
XML
JAVA=(java -Dlogback.configurationFile="$WORK/logback.xml" -Dbench.seconds="${BENCH_SECONDS:-4}" -Dbench.warmup.max="${BENCH_WARMUP_MAX:-60}"
  -Dbench.trust="$WORK/squid-ca.pem,$WORK/ours-ca.pem,$WORK/origin-ca.pem" -Xms256m -Xmx512m -cp "$CP"
  dev.containment4j.examples.bench.EgressBench)

"${JAVA[@]}" origin-tls "$ORIGIN_PORT" "$WORK/origin.pem" "$WORK/origin.key" >"$WORK/origin.log" 2>&1 & pids+=($!)
"${JAVA[@]}" proxy-intercept "$OURS_PORT" "$ORIGIN_PORT" "$WORK/origin-ca.pem" "$WORK/ours-ca.pem" \
  >"$WORK/ours.log" 2>&1 & pids+=($!); OURS_PID=$!

cat >"$WORK/squid.conf" <<CONF
http_port 127.0.0.1:$SQUID_PORT ssl-bump generate-host-certificates=on dynamic_cert_mem_cache_size=16MB tls-cert=$WORK/squid-ca.pem tls-key=$WORK/squid-ca.key
sslcrtd_program /usr/lib/squid/security_file_certgen -s $WORK/ssldb -M 16MB
sslcrtd_children 4
acl step1 at_step SslBump1
ssl_bump peek step1
ssl_bump bump all
tls_outgoing_options cafile=$WORK/origin-ca.pem
hosts_file $WORK/hosts
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
squid -N -f "$WORK/squid.conf" 2>"$WORK/squid.err" & pids+=($!); SQUID_PID=$!

for port in $ORIGIN_PORT $OURS_PORT $SQUID_PORT; do
  for _ in $(seq 150); do (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null && break; sleep 0.1; done
done
for _ in $(seq 50); do [ -s "$WORK/ours-ca.pem" ] && break; sleep 0.1; done
echo "squid $(squid -v | head -1 | awk '{print $4}') ssl-bump, $(java -version 2>&1 | head -1), JDK TLS, $(nproc) CPUs, $(date -u +%FT%TZ)"
# squid-bump first: the ratios are to it. (Session 2's failures came from the client's Host header without the port:
# squid forwards a bumped request to the Host header's authority, so it went to :443.)
targets=(direct-tls=tls-direct:$ORIGIN_PORT squid-bump=mitm:$SQUID_PORT:$SQUID_PID
  c4j-intercept=mitm:$OURS_PORT:$OURS_PID)
echo "load average at start: $(cut -d" " -f1-3 /proc/loadavg)"
"${JAVA[@]/-Xmx512m/-Xmx1g}" load "$ORIGIN_PORT" "$REPS" "${targets[@]}"
echo "load average at the end: $(cut -d" " -f1-3 /proc/loadavg)"
