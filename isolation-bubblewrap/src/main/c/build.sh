#!/bin/sh
# Builds the c4j-pgrp helper for x86_64 and aarch64 into the module's resources (committed: users' machines need
# no compiler). Needs gcc and, for aarch64, gcc-aarch64-linux-gnu (Debian: apt-get install gcc gcc-aarch64-linux-gnu).
# The output is reproducible: run this script and `git diff --stat` shows whether the committed binaries match.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out="$here/../resources/dev/containment4j/isolation/bubblewrap/internal"
mkdir -p "$out"
flags="-Os -static -nostdlib -ffreestanding -fno-stack-protector -fno-asynchronous-unwind-tables -fno-pie -no-pie
  -fno-builtin -Wall -Wextra -Werror -Wl,--build-id=none -Wl,-z,noexecstack -s"
# shellcheck disable=SC2086
gcc $flags -o "$out/c4j-pgrp-x86_64" "$here/c4j-pgrp.c"
# shellcheck disable=SC2086
aarch64-linux-gnu-gcc $flags -o "$out/c4j-pgrp-aarch64" "$here/c4j-pgrp.c"
ls -l "$out"/c4j-pgrp-*
