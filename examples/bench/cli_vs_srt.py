#!/usr/bin/env python3
# Copyright 2026 the containment4j authors.
# SPDX-License-Identifier: Apache-2.0
"""Whole-process comparison of `containment run -- true` with sandbox-runtime's `srt true` (and raw bwrap, bare true),
interleaved in one run so machine noise hits every command alike. Prints medians of wall and CPU time and the ratios.

Set-up for the peer (benchmark only, never a dependency):
  apt-get install -y ripgrep socat && mkdir -p /tmp/srt && (cd /tmp/srt && npm install @anthropic-ai/sandbox-runtime@0.0.83)
Usage: examples/bench/cli_vs_srt.py [--reps 30] [--srt /tmp/srt/node_modules/.bin/srt]
"""
import argparse, json, os, resource, statistics, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DENY = ["~/.ssh", "~/.aws", "~/.config/gcloud", "~/.kube", "~/.docker", "~/.netrc", "~/.gnupg"]


def timed(argv, cwd):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    rc = subprocess.call(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if rc != 0:
        sys.exit("command failed (%d): %s" % (rc, " ".join(argv)))
    return wall * 1000, cpu * 1000


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--reps", type=int, default=30)
    ap.add_argument("--srt", default="/tmp/srt/node_modules/.bin/srt")
    args = ap.parse_args()
    work = tempfile.mkdtemp(prefix="bench-cli-")
    settings = os.path.join(work, "srt-settings.json")
    with open(settings, "w") as f:
        json.dump({"network": {"allowedDomains": [], "deniedDomains": []},
                   "filesystem": {"denyRead": DENY, "allowWrite": ["."], "denyWrite": []}}, f)
    commands = {
        "true": ["true"],
        "bwrap (raw, minimal flags)": ["bwrap", "--ro-bind", "/", "/", "--unshare-all", "--die-with-parent",
                                       "--proc", "/proc", "--dev", "/dev", "true"],
        "containment run -- true": [os.path.join(ROOT, "bin/containment"), "run", "--", "true"],
    }
    if os.path.exists(args.srt):
        commands["srt true"] = [args.srt, "--settings", settings, "true"]
    else:
        print("srt not found at %s: peer row skipped (see the set-up line at the top of this script)" % args.srt)
    for argv in commands.values():  # warm-up (also creates the CLI's class-data-sharing archive)
        timed(argv, work)
        timed(argv, work)
    samples = {name: [] for name in commands}
    for _ in range(args.reps):
        for name, argv in commands.items():
            samples[name].append(timed(argv, work))
    print("%d interleaved repetitions, load average %.2f" % (args.reps, os.getloadavg()[0]))
    print("| command | wall median (ms) | wall p90 (ms) | CPU median (ms) |")
    print("|---|---|---|---|")
    med = {}
    for name, s in samples.items():
        walls = sorted(w for w, _ in s)
        med[name] = statistics.median(walls)
        print("| `%s` | %.1f | %.1f | %.1f |" % (name, med[name], walls[int(len(walls) * 0.9) - 1],
                                               statistics.median(c for _, c in s)))
    if "srt true" in med:
        print("\nratio containment / srt (wall medians): %.2f" % (med["containment run -- true"] / med["srt true"]))


if __name__ == "__main__":
    main()
