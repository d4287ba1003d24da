#!/usr/bin/env python3
# Copyright 2026 the containment4j authors.
# SPDX-License-Identifier: Apache-2.0
"""What each part of the bubblewrap sandbox costs a bulk transfer through the egress proxy: native clients (curl to
/dev/null, a Python recv_into loop) fetch BYTES through our proxy (CONNECT) on the host, in the full sandbox, in the
sandbox with one part removed, and on the host with one part added. Every path uses the host network (--share-net),
so all reach the same host listener; the bridge (network.mode: proxy) is BubblewrapEgressBench's. Paths run
interleaved, in a random order per repetition; prints medians, per-repetition ratios (median and interquartile range)
and the client's CPU per MB (user + system, from /usr/bin/time).

The sandbox is bwrap with the backend's flags, its seccomp program on descriptor 3, c4j-pgrp, and v1 or v2 memory and
pids cgroups (2 GiB, 512) joined before exec, as the launcher does. Needs root (cgroups), bwrap, curl, python3,
/usr/bin/time and a built examples module:
  mvn -q -Dmaven.repo.local=$M2 -pl examples -am install -DskipTests
  M2=$M2 examples/bench/bwrap_bulk_toggles.py [--reps 12] [--bytes 1073741824] [--clients curl,py] [--paths a,b]
"""
import argparse, ctypes, os, random, shutil, socket, statistics, struct, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SELF = os.path.abspath(__file__)


def py_client(proxy_port, origin_port, n):
    """One GET of n bytes through a CONNECT tunnel, read with recv_into into 64 KiB; prints MB/s."""
    t0 = time.perf_counter()
    s = socket.create_connection(("127.0.0.1", proxy_port))
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def head():
        b = b""
        while not b.endswith(b"\r\n\r\n"):
            c = s.recv(1)
            if not c:
                sys.exit("connection closed in the head: %r" % b)
            b += c
        return b
    s.sendall(b"CONNECT origin.test:%d HTTP/1.1\r\nHost: origin.test:%d\r\n\r\n" % (origin_port, origin_port))
    if b" 200 " not in head().split(b"\r\n")[0] + b" ":
        sys.exit("CONNECT refused")
    s.sendall(b"GET /big?n=%d HTTP/1.1\r\nHost: origin.test:%d\r\n\r\n" % (n, origin_port))
    head()
    buf = memoryview(bytearray(64 * 1024))
    got = 0
    while got < n:
        k = s.recv_into(buf)
        if not k:
            break
        got += k
    if got != n:
        sys.exit("short read: %d of %d" % (got, n))
    print("%.1f" % (got / 1e6 / (time.perf_counter() - t0)))


def seccomp_exec(program, argv):
    """Installs the BPF program on this process (no namespaces, no_new_privs as bwrap sets it) and execs argv."""
    prog = open(program, "rb").read()
    libc = ctypes.CDLL(None, use_errno=True)

    class Fprog(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]
    buf = ctypes.create_string_buffer(prog, len(prog))
    fp = Fprog(len(prog) // 8, ctypes.cast(buf, ctypes.c_void_p))
    if libc.prctl(38, 1, 0, 0, 0) != 0 or libc.prctl(22, 2, ctypes.byref(fp), 0, 0) != 0:  # NO_NEW_PRIVS, SECCOMP
        raise OSError(ctypes.get_errno(), "seccomp")
    os.execv(argv[0], argv)


class Cgroup:
    """Memory and pids cgroups for the sandbox, v1 or v2, removed at the end."""

    def __init__(self, memory, pids):
        name = "c4j-bulk-toggles-%d" % os.getpid()
        if os.path.exists("/sys/fs/cgroup/memory/memory.limit_in_bytes"):
            self.dirs = ["/sys/fs/cgroup/memory/" + name, "/sys/fs/cgroup/pids/" + name]
            limits = [("memory.limit_in_bytes", memory), ("pids.max", pids)]
        else:
            open("/sys/fs/cgroup/cgroup.subtree_control", "w").write("+memory +pids")
            self.dirs = ["/sys/fs/cgroup/" + name]
            limits = [("memory.max", memory), ("pids.max", pids)]
        for d in self.dirs:
            os.mkdir(d)
        for f, v in limits:
            where = [d for d in self.dirs if os.path.exists(os.path.join(d, f))]
            if not where:
                sys.exit("no %s in %s" % (f, self.dirs))
            open(os.path.join(where[0], f), "w").write(str(v))

    def join(self):
        return " && ".join('echo $$ > %s/cgroup.procs' % d for d in self.dirs) + " && "

    def close(self):
        for d in self.dirs:
            try:
                os.rmdir(d)
            except OSError as e:
                print("cannot remove %s: %s" % (d, e), file=sys.stderr)


def paths(parts, cg):
    def bwrap(seccomp=True, userns=True):
        a = ["/usr/bin/bwrap", "--die-with-parent", "--unshare-all"] + (["--unshare-user"] if userns else [])
        a += ["--share-net"] + (["--disable-userns", "--assert-userns-disabled"] if userns else [])
        a += ["--cap-drop", "ALL", "--hostname", "sandbox"] + (["--seccomp", "3"] if seccomp else [])
        return a + ["--clearenv", "--setenv", "PATH", "/usr/bin:/bin", "--ro-bind", "/", "/", "--dev", "/dev",
                    "--proc", "/proc", "--tmpfs", "/tmp", "--ro-bind", parts, parts, "--"]

    def launcher(inner, cgroup=True, pgrp=True):
        script = (cg.join() if cgroup else "") + 'exec "$@" 3<' + parts + "/filter.bpf"
        return ["/bin/sh", "-c", script, "launcher"] + ([parts + "/c4j-pgrp"] if pgrp else []) + inner
    return {
        "host": [],
        "sandbox": launcher(bwrap()),
        "sandbox without seccomp": launcher(bwrap(seccomp=False)),
        "sandbox without cgroups": launcher(bwrap(), cgroup=False),
        "sandbox without c4j-pgrp": launcher(bwrap(), pgrp=False),
        "sandbox without user namespace": launcher(bwrap(userns=False)),
        "host + seccomp": [sys.executable, SELF, "--seccomp-exec", parts + "/filter.bpf"],
        "host + cgroups": ["/bin/sh", "-c", cg.join() + 'exec "$@"', "cg"],
        "host + c4j-pgrp": [parts + "/c4j-pgrp"],
        "host on CPU 0": ["/usr/bin/taskset", "-c", "0"],
        "host on CPU 1": ["/usr/bin/taskset", "-c", "1"],
        "sandbox on CPU 0": ["/usr/bin/taskset", "-c", "0"] + launcher(bwrap()),
        "sandbox on CPU 1": ["/usr/bin/taskset", "-c", "1"] + launcher(bwrap()),
    }


def q(v):
    return statistics.quantiles(v, n=4, method="inclusive") if len(v) > 1 else [v[0]] * 3


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--py-client":
        return py_client(int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]))
    if len(sys.argv) > 1 and sys.argv[1] == "--seccomp-exec":
        return seccomp_exec(sys.argv[2], sys.argv[3:])
    ap = argparse.ArgumentParser()
    ap.add_argument("--reps", type=int, default=12)
    ap.add_argument("--bytes", type=int, default=1 << 30)
    ap.add_argument("--clients", default="curl,py")
    ap.add_argument("--paths", help="comma-separated names, default all")
    a = ap.parse_args()
    m2 = os.environ.get("M2", os.path.expanduser("~/.m2/repository"))
    cpfile = tempfile.mktemp(prefix="c4j-bulk-toggles-cp")
    subprocess.run(["mvn", "-q", "-o", "-Dmaven.repo.local=" + m2, "-pl", "examples", "-DskipTests",
                    "dependency:build-classpath", "-Dmdep.outputFile=" + cpfile], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    cp = ROOT + "/examples/target/classes:" + open(cpfile).read().strip()
    os.unlink(cpfile)
    parts = tempfile.mkdtemp(prefix="c4j-bulk-toggles-")
    os.chmod(parts, 0o755)
    java = shutil.which("java")
    print(subprocess.run([java, "-cp", cp, "dev.containment4j.examples.bench.BubblewrapEgressBench", "parts", parts],
                         check=True, capture_output=True, text=True).stdout.strip())
    ports = []
    for _ in range(2):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            ports.append(s.getsockname()[1])
    origin_port, proxy_port = ports
    bench = "dev.containment4j.examples.bench.EgressBench"
    procs = [subprocess.Popen([java, "-Xmx256m", "-cp", cp, bench, "origin", str(origin_port)],
                              stdout=subprocess.DEVNULL),
             subprocess.Popen([java, "-Xms256m", "-Xmx512m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp",
                               cp, bench, "proxy", str(proxy_port), str(origin_port)], stdout=subprocess.DEVNULL)]
    cg = Cgroup(2 << 30, 512)
    try:
        for port in ports:
            for _ in range(200):
                try:
                    socket.create_connection(("127.0.0.1", port), 0.2).close()
                    break
                except OSError:
                    time.sleep(0.05)
        clients = {
            "curl": ["/usr/bin/curl", "-s", "-o", "/dev/null", "-w", "%{speed_download}", "-p", "-x",
                     "http://127.0.0.1:%d" % proxy_port, "http://origin.test:%d/big?n=%d" % (origin_port, a.bytes)],
            "py": ["/usr/bin/python3", SELF, "--py-client", str(proxy_port), str(origin_port), str(a.bytes)],
        }
        clients = {k: v for k, v in clients.items() if k in a.clients.split(",")}
        ps = paths(parts, cg)
        if a.paths:
            ps = {k: v for k, v in ps.items() if k in a.paths.split(",") or k == "host"}

        def one(path, client):
            p = subprocess.run(ps[path] + ["/usr/bin/time", "-f", "TIME %U %S"] + clients[client],
                               capture_output=True, text=True)
            if p.returncode != 0:
                sys.exit("%s / %s failed (%d): %s %s" % (path, client, p.returncode, p.stdout, p.stderr))
            mbs = float(p.stdout.split()[0]) / (1e6 if client == "curl" else 1)
            t = [l for l in p.stderr.splitlines() if l.startswith("TIME")][-1].split()
            return mbs, (float(t[1]) + float(t[2])) * 1000 / (a.bytes / 1e6)
        print("load average at start", open("/proc/loadavg").read().strip(), flush=True)
        for path in ps:  # warm-up: the proxy's JIT, and every path once
            for client in clients:
                one(path, client)
        res = {}
        for r in range(a.reps):
            order = [(p, c) for p in ps for c in clients]
            random.shuffle(order)
            for p, c in order:
                res.setdefault((p, c), []).append(one(p, c))
            print("rep %d/%d, load %s" % (r + 1, a.reps, open("/proc/loadavg").read().split()[0]), file=sys.stderr)
        print("load average at end", open("/proc/loadavg").read().strip())
        for c in clients:
            print("\n%s, %d repetitions of %d MiB through a CONNECT tunnel; ratios: median (interquartile range) of"
                  " the per-repetition ratios\n" % (c, a.reps, a.bytes >> 20))
            print("| path | MB/s, median (IQR) | / host | / sandbox | client CPU per MB (ms) |\n|---|---|---|---|---|")
            for p in ps:
                mb = [x[0] for x in res[(p, c)]]

                def ratio(base):
                    r = [m / b[0] for m, b in zip(mb, res[(base, c)])]
                    return "%.2f× (%.2f–%.2f)" % (statistics.median(r), q(r)[0], q(r)[2])
                print("| %s | %.0f (%.0f–%.0f) | %s | %s | %.3f |" % (
                    p, statistics.median(mb), q(mb)[0], q(mb)[2], ratio("host"),
                    ratio("sandbox") if ("sandbox", c) in res else "-",
                    statistics.median([x[1] for x in res[(p, c)]])))
    finally:
        for p in procs:
            p.kill()
        cg.close()
        shutil.rmtree(parts, ignore_errors=True)


if __name__ == "__main__":
    main()
