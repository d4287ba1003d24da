/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.containment4j.ToolResult;

/**
 * The egress proxy's listener inside a sandbox ({@code 127.0.0.1:3128}, {@code network.mode: proxy}) used as anything
 * but a proxy: 200 connections held open, random bytes, a bare TLS hello, a plain request and a CONNECT to forbidden
 * addresses, a SOCKS5 request for the host's loopback; the IPv6 loopback and a Unix socket as other ways out. Shared
 * by the backends' egress ITs: run {@link #script(String)} in the sandbox, then {@link #check(ToolResult, String)}.
 */
public final class ProxyListenerAbuse {
  private ProxyListenerAbuse() {}

  /** A shell script: the abuse (python3), then {@code curl} of {@code allowedUrl} through the proxy. */
  public static String script(String allowedUrl) {
    String py = String.join("\n",
        "import os, socket",
        "held = []",
        "for i in range(200):",
        "    try: held.append(socket.create_connection(('127.0.0.1', 3128), 2))",
        "    except OSError as e: print('conn', i, e.errno); break",
        "print('held', len(held))",
        "for name, payload in (('random', os.urandom(65536)), ('tls', b'\\x16\\x03\\x01\\x02\\x00' + os.urandom(512)),",
        "        ('metadata', b'GET http://169.254.169.254/ HTTP/1.1\\r\\nHost: 169.254.169.254\\r\\n\\r\\n'),",
        "        ('connect', b'CONNECT 127.0.0.1:22 HTTP/1.1\\r\\nHost: 127.0.0.1:22\\r\\n\\r\\n'),",
        "        ('socks', b'\\x05\\x01\\x00')):",
        "    s = socket.create_connection(('127.0.0.1', 3128), 5); s.settimeout(5)",
        "    try:",
        "        s.sendall(payload)",
        "        if name == 'socks':",
        "            s.recv(2); s.sendall(b'\\x05\\x01\\x00\\x01\\x7f\\x00\\x00\\x01\\x00\\x16')",
        "        print('answer', name, s.recv(64))",
        "    except OSError as e: print('answer', name, 'error', e)",
        "try: socket.create_connection(('::1', 3128), 2); print('V6_CONNECTED')",
        "except OSError as e: print('v6', e.errno)",
        "try: socket.socket(socket.AF_UNIX).connect('\\0c4j-proxy'); print('UNIX_CONNECTED')",
        "except OSError as e: print('unix', e.errno)",
        "for s in held: s.close()",
        "print('done')");
    return "python3 -c \"$(cat <<'PY'\n" + py + "\nPY\n)\" 2>&1; curl -sS --max-time 20 " + allowedUrl;
  }

  /** Every abuse was refused and the proxy still served {@code expectedBody} afterwards. */
  public static void check(ToolResult r, String expectedBody) {
    assertThat(r.stdout()).as(r.stderr()).contains("done", "held 200", expectedBody)
        .doesNotContain("V6_CONNECTED", "UNIX_CONNECTED");
    assertThat(r.stdout().lines().filter(l -> l.startsWith("answer metadata") || l.startsWith("answer connect")))
        .as(r.stdout()).hasSize(2)
        .allMatch(l -> l.contains(" 403 ") || l.contains(" 400 ") || l.contains("error") || l.endsWith("b''"));
    assertThat(r.stdout().lines().filter(l -> l.startsWith("answer socks"))).as(r.stdout())
        .noneMatch(l -> l.contains("b'\\x05\\x00"));
  }
}
