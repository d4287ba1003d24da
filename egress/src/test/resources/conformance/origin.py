#!/usr/bin/env python3
# Copyright 2026 the containment4j authors.
# SPDX-License-Identifier: Apache-2.0
"""An origin for the egress conformance ITs, independent of Netty: python's http.server speaking HTTP/1.1 with
keep-alive, on 127.0.0.1 and ::1, plain and TLS. It records every request (GET /_log, asked directly) and serves:

  /echo            any method; reads the body (Content-Length or chunked), answers its length and sha256
  /chunked?n=N     N bytes, chunked            /close?n=N   N bytes delimited by closing the connection
  /head            Content-Length 1234 (no body on HEAD)    /status/204, /status/304: no body
  /gzip            a gzip body with Content-Encoding: gzip (the test compares the raw bytes)
  /ws              WebSocket handshake, then echoes every frame back
  /git/...         git smart HTTP (git http-backend as CGI), only with the Authorization given by --auth
  /simple/..., /files/...  a one-package pip index
  /npm/demo        an npm packument (npm view)

Prints one JSON line with the ports, then serves until stdin closes."""
import base64, gzip, time, hashlib, json, os, socket, ssl, subprocess, sys, threading, zipfile, io
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit, parse_qs

LOG = []
LOCK = threading.Lock()
ARGS = {}
GZ = gzip.compress(b"gzip body, passed through untouched\n" * 100, mtime=0)
WS_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"


def pattern(n):
    block = bytes(range(256)) * 256
    out = bytearray()
    while len(out) < n:
        out += block[: n - len(out)]
    return bytes(out)


def wheel():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        files = {"demo/__init__.py": b"VALUE = 1\n",
                 "demo-1.0.dist-info/METADATA": b"Metadata-Version: 2.1\nName: demo\nVersion: 1.0\n",
                 "demo-1.0.dist-info/WHEEL": b"Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: py3-none-any\n"}
        record = ""
        for name, data in files.items():
            z.writestr(name, data)
            digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
            record += f"{name},sha256={digest},{len(data)}\n"
        record += "demo-1.0.dist-info/RECORD,,\n"
        z.writestr("demo-1.0.dist-info/RECORD", record)
    return buf.getvalue()


WHEEL = wheel()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *a):
        pass

    def read_body(self):
        self.trailers = []
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            body = bytearray()
            while True:
                line = self.rfile.readline(65537).strip()
                size = int(line.split(b";")[0], 16)
                if size == 0:
                    while True:
                        t = self.rfile.readline(65537)
                        if t in (b"\r\n", b"\n", b""):
                            return bytes(body)
                        self.trailers.append(t.decode("latin-1").strip())
                body += self.rfile.read(size)
                self.rfile.readline()
        n = int(self.headers.get("Content-Length") or 0)
        h = hashlib.sha256()
        left = n
        if n > (1 << 20):  # large uploads are hashed as they stream, not kept
            slow = "slow" in self.path
            while left > 0:
                if slow:
                    time.sleep(0.002)
                chunk = self.rfile.read(min(left, 1 << 16))
                if not chunk:
                    break
                h.update(chunk)
                left -= len(chunk)
            return (n - left, h.hexdigest())
        return self.rfile.read(n)

    def record(self, body_len, sha):
        with LOCK:
            LOG.append({"server": self.server.label, "method": self.command, "path": self.path,
                        "version": self.request_version, "conn": "%s:%s" % self.client_address[:2],
                        "headers": [[k, v] for k, v in self.headers.items()], "len": body_len, "sha256": sha,
                        "trailers": self.trailers})

    def send(self, code, body=b"", headers=(), length=True):
        self.send_response(code)
        for k, v in headers:
            self.send_header(k, v)
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body and self.command != "HEAD":
            self.wfile.write(body)

    def handle_one(self):
        u = urlsplit(self.path)
        q = {k: v[0] for k, v in parse_qs(u.query).items()}
        if u.path == "/_log":
            with LOCK:
                data = json.dumps(LOG).encode()
                if "clear" in q:
                    LOG.clear()
            return self.send(200, data, [("Content-Type", "application/json")])
        body = self.read_body()
        if isinstance(body, tuple):
            n, sha = body
        else:
            n, sha = len(body), hashlib.sha256(body).hexdigest()
        self.record(n, sha)
        if u.path.startswith("/git/"):
            return self.git(u, body)
        if u.path == "/echo":
            return self.send(200, json.dumps({"len": n, "sha256": sha}).encode(), [("Content-Type", "application/json")])
        if u.path == "/chunked":
            data = pattern(int(q.get("n", "100000")))
            self.send_response(200)
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            if self.command != "HEAD":
                for i in range(0, len(data), 7000):
                    part = data[i:i + 7000]
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(part), part))
                self.wfile.write(b"0\r\n\r\n")
            return
        if u.path == "/close":
            data = pattern(int(q.get("n", "100000")))
            self.send_response(200)
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(data)
            self.close_connection = True
            return
        if u.path == "/bye":
            self.close_connection = True
            return self.send(200, b"bye\n", [("Connection", "close")])
        if u.path == "/head":
            return self.send(200, pattern(1234))
        if u.path.startswith("/status/"):
            code = int(u.path[8:])
            self.send_response(code)
            if code == 304:
                self.send_header("ETag", '"x"')
            self.end_headers()
            return
        if u.path == "/gzip":
            return self.send(200, GZ, [("Content-Encoding", "gzip"), ("Content-Type", "text/plain"),
                                      ("X-Sha256", hashlib.sha256(GZ).hexdigest())])
        if u.path == "/ws" and (self.headers.get("Upgrade") or "").lower() == "websocket":
            return self.websocket()
        if u.path == "/simple/demo/":
            page = b'<html><body><a href="/files/demo-1.0-py3-none-any.whl#sha256=%s">demo-1.0-py3-none-any.whl</a></body></html>' % hashlib.sha256(WHEEL).hexdigest().encode()
            return self.send(200, page, [("Content-Type", "text/html")])
        if u.path == "/files/demo-1.0-py3-none-any.whl":
            return self.send(200, WHEEL, [("Content-Type", "application/octet-stream")])
        if u.path == "/npm/demo":
            doc = {"name": "demo", "dist-tags": {"latest": "1.0.0"}, "versions": {"1.0.0": {
                "name": "demo", "version": "1.0.0", "dist": {"tarball": "http://unused.invalid/demo-1.0.0.tgz"}}}}
            return self.send(200, json.dumps(doc).encode(), [("Content-Type", "application/json")])
        return self.send(200, ("ok %s %s\n" % (self.server.label, self.path)).encode())

    do_GET = do_POST = do_PUT = do_HEAD = do_DELETE = do_PATCH = handle_one

    def websocket(self):
        accept = base64.b64encode(hashlib.sha1((self.headers["Sec-WebSocket-Key"] + WS_GUID).encode()).digest())
        self.send_response(101)
        self.send_header("Upgrade", "websocket")
        self.send_header("Connection", "Upgrade")
        self.send_header("Sec-WebSocket-Accept", accept.decode())
        self.end_headers()
        self.wfile.flush()
        while True:
            head = self.rfile.read(2)
            if len(head) < 2:
                break
            op, ln = head[0] & 0x0F, head[1] & 0x7F
            if ln == 126:
                ln = int.from_bytes(self.rfile.read(2), "big")
            elif ln == 127:
                ln = int.from_bytes(self.rfile.read(8), "big")
            mask = self.rfile.read(4) if head[1] & 0x80 else b"\0\0\0\0"
            data = bytes(b ^ mask[i % 4] for i, b in enumerate(self.rfile.read(ln)))
            hdr = bytes([0x80 | op]) + (bytes([len(data)]) if len(data) < 126 else bytes([126]) + len(data).to_bytes(2, "big"))
            self.wfile.write(hdr + data)
            self.wfile.flush()
            if op == 8:
                break
        self.close_connection = True

    def git(self, u, body):
        if self.headers.get("Authorization") != ARGS.get("auth"):
            return self.send(401, b"auth required\n", [("WWW-Authenticate", 'Basic realm="git"')])
        env = {"PATH": os.environ["PATH"], "GIT_PROJECT_ROOT": ARGS["git_root"], "GIT_HTTP_EXPORT_ALL": "1",
               "PATH_INFO": u.path[4:], "QUERY_STRING": u.query, "REQUEST_METHOD": self.command,
               "CONTENT_TYPE": self.headers.get("Content-Type") or "", "REMOTE_USER": "agent", "REMOTE_ADDR": "127.0.0.1",
               "CONTENT_LENGTH": str(len(body)), "HTTP_CONTENT_ENCODING": self.headers.get("Content-Encoding") or "",
               "GIT_HTTP_MAX_REQUEST_BUFFER": "100M"}
        out = subprocess.run(["git", "http-backend"], input=body, env=env, capture_output=True).stdout
        head, _, rest = out.partition(b"\r\n\r\n")
        code, headers = 200, []
        for line in head.decode().split("\r\n"):
            k, _, v = line.partition(":")
            if k.lower() == "status":
                code = int(v.strip().split()[0])
            elif k:
                headers.append((k, v.strip()))
        self.send(code, rest, headers)


def serve(family, host, port, label, tls):
    class Server(ThreadingHTTPServer):
        address_family = family
        daemon_threads = True
    s = Server((host, port), Handler)
    s.label = label
    if tls:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(tls[0], tls[1])
        s.socket = ctx.wrap_socket(s.socket, server_side=True, do_handshake_on_connect=False)
    threading.Thread(target=s.serve_forever, daemon=True).start()
    return s.server_address[1]


def main():
    a = sys.argv[1:]
    opts = dict(zip(a[::2], a[1::2]))
    ARGS["auth"] = opts.get("--auth")
    ARGS["git_root"] = opts.get("--git-root", "/nonexistent")
    ports = {"http": serve(socket.AF_INET, "127.0.0.1", 0, "plain", None),
             "http6": serve(socket.AF_INET6, "::1", 0, "plain6", None)}
    if "--cert" in opts:
        ports["https"] = serve(socket.AF_INET, "127.0.0.1", 0, "tls", (opts["--cert"], opts["--key"]))
    if "--cert6" in opts:
        ports["https6"] = serve(socket.AF_INET6, "::1", 0, "tls6", (opts["--cert6"], opts["--key6"]))
    print(json.dumps(ports), flush=True)
    sys.stdin.read()


if __name__ == "__main__":
    main()
