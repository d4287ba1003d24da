#!/usr/bin/env bash
# From a fresh clone to a contained command: installs the prerequisites (bubblewrap, libseccomp, a JDK 17+ and
# Maven, and gVisor's runsc where missing), builds containment4j, prepares the CLI, and runs the red-team demo.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")"

need=()
command -v bwrap >/dev/null 2>&1 || need+=(bubblewrap)
{ ldconfig -p 2>/dev/null | grep -q 'libseccomp\.so\.2'; } || need+=(libseccomp2)
command -v javac >/dev/null 2>&1 || need+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null 2>&1 || need+=(maven)
command -v runsc >/dev/null 2>&1 || need+=(runsc)
command -v newuidmap >/dev/null 2>&1 || need+=(uidmap)   # rootless gVisor sessions
if [ ${#need[@]} -gt 0 ]; then
  echo "setup: installing ${need[*]} with apt-get"
  if [ "$(id -u)" = 0 ]; then sudo=""; elif command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
    echo "setup: please install these packages first: ${need[*]}" >&2; exit 1
  fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}"
fi

echo "setup: building with Maven (tests are the README's second command)"
mvn -B -q -ntp package -DskipTests

echo "setup: making the class-data-sharing archive for a fast CLI start"
rm -f examples/target/cli/containment.jsa
CONTAINMENT_JAVA_OPTS="-XX:ArchiveClassesAtExit=examples/target/cli/containment.jsa" \
  bin/containment run -- true >/dev/null 2>&1 || true

echo "setup: done. The CLI is bin/containment. Running the red-team demo:"
echo
exec bin/containment demo
