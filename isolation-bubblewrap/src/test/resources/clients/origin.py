#!/usr/bin/env python3
# Copyright 2026 the containment4j authors.
# SPDX-License-Identifier: Apache-2.0
"""An origin for BubblewrapClientsIT, independent of Netty: python's http.server on 127.0.0.1 (plain, and TLS when
--cert/--key are given) serving

  /git/...   git smart HTTP (git http-backend as CGI); with --auth, only for that exact Authorization value
  /ws        a WebSocket handshake, then every frame echoed back (a close frame ends it)
  /dup-cl    an answer with two Content-Length headers
  anything else: "ok PATH"

Prints one JSON line with the ports, then serves until stdin closes. Requests it saw: GET /_auth (asked directly)
lists the Authorization values of the git requests (`?clear` forgets them)."""
import base64, hashlib, json, os, socket, ssl, subprocess, sys, threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

ARGS = {}
AUTHS = []
WS_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *a):
        pass

    def send(self, code, body=b"", headers=()):
        self.send_response(code)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body and self.command != "HEAD":
            self.wfile.write(body)

    def handle_one(self):
        u = urlsplit(self.path)
        if u.path == "/_auth":
            seen = json.dumps(AUTHS).encode()
            if "clear" in u.query:
                AUTHS.clear()
            return self.send(200, seen)
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if u.path.startswith("/git/"):
            return self.git(u, body)
        if u.path == "/dup-cl":  # a malformed answer: two Content-Length headers (the proxy must not hang on it)
            self.send_response(200)
            self.send_header("Content-Length", "3")
            self.send_header("Content-Length", "3")
            self.end_headers()
            self.wfile.write(b"dup")
            return
        if u.path == "/ws" and (self.headers.get("Upgrade") or "").lower() == "websocket":
            return self.websocket()
        return self.send(200, ("ok %s\n" % u.path).encode())

    do_GET = do_POST = do_HEAD = handle_one

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
            size = bytes([len(data)]) if len(data) < 126 else bytes([126]) + len(data).to_bytes(2, "big")
            self.wfile.write(bytes([0x80 | op]) + size + data)
            self.wfile.flush()
            if op == 8:
                break
        self.close_connection = True

    def git(self, u, body):
        AUTHS.append(self.headers.get("Authorization"))
        if ARGS.get("auth") and self.headers.get("Authorization") != ARGS["auth"]:
            return self.send(401, b"auth required\n", [("WWW-Authenticate", 'Basic realm="git"')])
        env = {"PATH": os.environ["PATH"], "GIT_PROJECT_ROOT": ARGS["git_root"], "GIT_HTTP_EXPORT_ALL": "1",
               "PATH_INFO": u.path[4:], "QUERY_STRING": u.query, "REQUEST_METHOD": self.command,
               "CONTENT_TYPE": self.headers.get("Content-Type") or "", "REMOTE_USER": "agent",
               "REMOTE_ADDR": "127.0.0.1", "CONTENT_LENGTH": str(len(body)),
               "HTTP_CONTENT_ENCODING": self.headers.get("Content-Encoding") or "", "GIT_PROTOCOL":
               self.headers.get("Git-Protocol") or ""}
        out = subprocess.run(["git", "http-backend"], input=body, env=env, capture_output=True).stdout
        head, _, rest = out.partition(b"\r\n\r\n")
        code, headers = 200, []
        for line in head.decode().split("\r\n"):
            k, _, v = line.partition(":")
            if k.lower() == "status":
                code = int(v.strip().split()[0])
            elif k and k.lower() != "content-length":  # send() sets it; two would be a malformed answer
                headers.append((k, v.strip()))
        self.send(code, rest, headers)


def serve(tls):
    class Server(ThreadingHTTPServer):
        daemon_threads = True
    s = Server(("127.0.0.1", 0), Handler)
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
    ARGS["git_root"] = opts["--git-root"]
    ports = {"http": serve(None)}
    if "--cert" in opts:
        ports["https"] = serve((opts["--cert"], opts["--key"]))
    print(json.dumps(ports), flush=True)
    sys.stdin.read()


if __name__ == "__main__":
    main()
