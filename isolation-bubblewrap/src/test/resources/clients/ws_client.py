#!/usr/bin/env python3
# Copyright 2026 the containment4j authors.
# SPDX-License-Identifier: Apache-2.0
"""A WebSocket client for inside the sandbox, standard library only: reaches ws://HOST:PORT/ws through the proxy
at 127.0.0.1:3128, either through a CONNECT tunnel (`connect`) or as an absolute-form request with
`Upgrade: websocket` (`absolute`), then sends three masked text frames and a close, and prints what came back.
Usage: ws_client.py connect|absolute HOST PORT"""
import base64, hashlib, os, socket, sys

mode, host, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
s = socket.create_connection(("127.0.0.1", 3128), timeout=15)
f = s.makefile("rb")


def head():
    lines = []
    while True:
        line = f.readline()
        if line in (b"\r\n", b""):
            return lines
        lines.append(line.decode("latin-1").strip())


if mode == "connect":
    s.sendall(("CONNECT %s:%d HTTP/1.1\r\nHost: %s:%d\r\n\r\n" % (host, port, host, port)).encode())
    status = head()
    print(mode, "tunnel", status[0] if status else "closed")
    if not status or " 200" not in status[0]:
        sys.exit(1)
    target = "/ws"
else:
    target = "http://%s:%d/ws" % (host, port)
key = base64.b64encode(os.urandom(16)).decode()
s.sendall(("GET %s HTTP/1.1\r\nHost: %s:%d\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
           "Sec-WebSocket-Key: %s\r\nSec-WebSocket-Version: 13\r\n\r\n" % (target, host, port, key)).encode())
resp = head()
print(mode, "upgrade", resp[0] if resp else "closed")
want = base64.b64encode(hashlib.sha1((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").encode()).digest()).decode()
if not resp or " 101" not in resp[0] or ("Sec-WebSocket-Accept: " + want) not in resp:
    sys.exit(1)


def frame(op, data):
    mask = os.urandom(4)
    return bytes([0x80 | op, 0x80 | len(data)]) + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(data))


def read_frame():
    h = f.read(2)
    n = h[1] & 0x7F
    if n == 126:
        n = int.from_bytes(f.read(2), "big")
    return h[0] & 0x0F, f.read(n)


for i in range(3):
    s.sendall(frame(1, ("frame %d via %s" % (i, mode)).encode()))
    op, data = read_frame()
    print(mode, "echo", op, data.decode())
s.sendall(frame(8, (1000).to_bytes(2, "big")))
op, data = read_frame()
print(mode, "closed", op, int.from_bytes(data[:2], "big"))
