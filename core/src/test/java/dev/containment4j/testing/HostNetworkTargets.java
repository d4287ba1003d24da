/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.containment4j.ToolResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Services on the host that a sandbox in {@code network.mode: proxy} must not reach around the proxy, each counting
 * what arrives: TCP and UDP listeners on the host's loopback ({@code 127.0.0.1}, {@code ::1}) and on every address of
 * its other interfaces (IPv4, IPv6, IPv6 link-local with its scope), a UDP "resolver" on the loopback, a Unix socket
 * in a directory the sandbox can read, and an abstract Unix socket. Shared by the backends' egress ITs: start it, run
 * {@link #script()} in the sandbox, then {@link #check(ToolResult)}, which judges on the host side (nothing arrived)
 * and reads what the sandbox's {@code /proc/net} showed (none of these sockets).
 */
public final class HostNetworkTargets implements AutoCloseable {
  private final List<Tcp> tcp = new ArrayList<>();
  private final List<Udp> udp = new ArrayList<>();
  private final Path unixPath;
  private final ServerSocketChannel unix;
  private final String abstractName = "c4j-net-" + UUID.randomUUID();
  private final Process abstractListener;
  private final BufferedReader abstractOut;

  private HostNetworkTargets(Path dir) throws IOException {
    List<InetAddress> addresses = new ArrayList<>(List.of(InetAddress.getByName("127.0.0.1"),
        InetAddress.getByName("::1")));
    for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (ni.isUp() && !ni.isLoopback()) {
        addresses.addAll(Collections.list(ni.getInetAddresses()));
      }
    }
    for (InetAddress a : addresses) {
      try {
        tcp.add(new Tcp(a));
        udp.add(new Udp(a));
      } catch (IOException e) {
        // an address this host cannot bind (IPv6 off): nothing there to reach either
      }
    }
    selfTest();
    unixPath = dir.resolve("c4j-net-" + UUID.randomUUID().toString().substring(0, 8) + ".sock");
    unix = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    unix.bind(UnixDomainSocketAddress.of(unixPath));
    unix.configureBlocking(false);
    abstractListener = new ProcessBuilder("/usr/bin/python3", "-c", "import socket, sys\n"
        + "s = socket.socket(socket.AF_UNIX); s.bind('\\0' + sys.argv[1]); s.listen(8); print('ready', flush=True)\n"
        + "s.settimeout(120)\ntry:\n  c, _ = s.accept(); print('ACCEPTED', flush=True)\nexcept OSError: pass",
        abstractName).redirectErrorStream(true).start();
    abstractOut = new BufferedReader(new InputStreamReader(abstractListener.getInputStream(), StandardCharsets.UTF_8));
    assertThat(abstractOut.readLine()).isEqualTo("ready");
  }

  /** Each counter counts: the host reaches every service once (on the host's side), then the counts start at 0. */
  private void selfTest() throws IOException {
    for (Tcp t : tcp) {
      try (java.net.Socket s = new java.net.Socket()) {
        s.connect(new InetSocketAddress(t.address, t.port()), 2000);
      }
    }
    try (DatagramSocket out = new DatagramSocket()) {
      for (Udp u : udp) {
        out.send(new DatagramPacket(new byte[] {1}, 1, new InetSocketAddress(u.address, u.port())));
      }
    }
    for (int i = 0; i < 100 && !(tcp.stream().allMatch(t -> t.count.get() == 1)
        && udp.stream().allMatch(u -> u.count.get() == 1)); i++) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
    }
    for (Tcp t : tcp) {
      assertThat(t.count.getAndSet(0)).as("the self-test connection to %s", t.address).isEqualTo(1);
    }
    for (Udp u : udp) {
      assertThat(u.count.getAndSet(0)).as("the self-test datagram to %s", u.address).isEqualTo(1);
    }
  }

  /**
   * Starts the services.
   *
   * @param dir a host directory the sandbox can see (read-only is enough), for the Unix socket
   */
  public static HostNetworkTargets start(Path dir) throws IOException {
    return new HostNetworkTargets(dir);
  }

  /**
   * A shell command (python3) that first prints the sandbox's {@code /proc/net} views, then tries every service: TCP
   * connect and a UDP datagram (a DNS query) to each address, link-local ones with every scope id from 1 to 8, the
   * Unix socket's path and the abstract name.
   */
  public String script() {
    StringBuilder targets = new StringBuilder("[");
    for (Tcp t : tcp) {
      targets.append("('tcp', '").append(literal(t.address)).append("', ").append(t.port()).append("), ");
    }
    for (Udp u : udp) {
      targets.append("('udp', '").append(literal(u.address)).append("', ").append(u.port()).append("), ");
    }
    targets.append(']');
    String py = String.join("\n",
        "import socket",
        "for f in ('tcp', 'tcp6', 'udp', 'udp6', 'raw', 'unix'):",
        "    try: print('PROCNET', f, open('/proc/net/' + f).read().replace('\\n', ' | '))",
        "    except OSError as e: print('procnet', f, e.errno)",
        "query = b'\\x12\\x34\\x01\\x00\\x00\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x07example\\x03com\\x00\\x00\\x01\\x00\\x01'",
        "for kind, host, port in " + targets + ":",
        "    six = ':' in host",
        "    scopes = range(1, 9) if host.startswith('fe80') else (0,)",
        "    for scope in scopes:",
        "        addr = (host, port, 0, scope) if six else (host, port)",
        "        fam = socket.AF_INET6 if six else socket.AF_INET",
        "        try:",
        "            if kind == 'tcp':",
        "                s = socket.socket(fam, socket.SOCK_STREAM); s.settimeout(2); s.connect(addr)",
        "                print('CONNECTED', host, port, scope)",
        "            else:",
        "                s = socket.socket(fam, socket.SOCK_DGRAM); s.sendto(query, addr); print('sent', host, scope)",
        "        except OSError as e: print('refused', kind, host, scope, e.errno)",
        "for name in ('" + unixPath + "', '\\0" + abstractName + "'):",
        "    try:",
        "        s = socket.socket(socket.AF_UNIX); s.settimeout(2); s.connect(name); print('UNIX_CONNECTED')",
        "    except OSError as e: print('refused unix', e.errno)",
        "print('done')");
    return "python3 -c \"$(cat <<'PY'\n" + py + "\nPY\n)\" 2>&1";
  }

  private static String literal(InetAddress a) {
    String s = a.getHostAddress();
    int percent = s.indexOf('%');
    return percent < 0 ? s : s.substring(0, percent);
  }

  /**
   * Judges on the host: no TCP connection, no datagram and no Unix connection arrived; the sandbox's {@code /proc/net}
   * listed none of these services (their ports in hex, the socket's path, the abstract name).
   */
  public void check(ToolResult r) throws Exception {
    assertThat(r.stdout()).as(r.stderr()).contains("done");
    System.out.println("HostNetworkTargets: " + r.stdout().lines().filter(l -> !l.startsWith("PROCNET")).toList());
    Thread.sleep(300);
    for (Tcp t : tcp) {
      assertThat(t.count.get()).as("TCP connections that reached %s:%d", t.address, t.port()).isZero();
    }
    for (Udp u : udp) {
      assertThat(u.count.get()).as("datagrams that reached %s:%d", u.address, u.port()).isZero();
    }
    assertThat(unix.accept()).as("the host's Unix socket accepted nothing").isNull();
    StringBuilder seen = new StringBuilder();
    while (abstractOut.ready()) {
      seen.append(abstractOut.readLine()).append('\n');
    }
    assertThat(seen).as("the abstract listener").doesNotContain("ACCEPTED");
    String procNet = r.stdout().lines().filter(l -> l.startsWith("PROCNET")).reduce("", String::concat);
    assertThat(procNet).as("the sandbox's /proc/net").doesNotContain(unixPath.toString()).doesNotContain(abstractName);
    for (Tcp t : tcp) {
      assertThat(procNet).doesNotContain(String.format(Locale.ROOT, ":%04X ", t.port()));
    }
    for (Udp u : udp) {
      assertThat(procNet).doesNotContain(String.format(Locale.ROOT, ":%04X ", u.port()));
    }
  }

  /** How many host addresses were tried (loopback and interfaces). */
  public int addresses() {
    return tcp.size();
  }

  @Override
  public void close() throws IOException {
    for (Tcp t : tcp) {
      t.server.close();
    }
    for (Udp u : udp) {
      u.socket.close();
    }
    unix.close();
    Files.deleteIfExists(unixPath);
    abstractListener.destroyForcibly();
  }

  /** A TCP listener that counts and closes what it accepts. */
  private static final class Tcp {
    final InetAddress address;
    final ServerSocket server = new ServerSocket();
    final AtomicInteger count = new AtomicInteger();

    Tcp(InetAddress address) throws IOException {
      this.address = address;
      server.bind(new InetSocketAddress(address, 0));
      daemon(() -> {
        while (!server.isClosed()) {
          try {
            server.accept().close();
            count.incrementAndGet();
          } catch (IOException e) {
            return;
          }
        }
      });
    }

    int port() {
      return server.getLocalPort();
    }
  }

  /** A UDP socket that counts the datagrams it receives. */
  private static final class Udp {
    final InetAddress address;
    final DatagramSocket socket;
    final AtomicInteger count = new AtomicInteger();

    Udp(InetAddress address) throws IOException {
      this.address = address;
      socket = new DatagramSocket(new InetSocketAddress(address, 0));
      daemon(() -> {
        byte[] buf = new byte[512];
        while (!socket.isClosed()) {
          try {
            socket.receive(new DatagramPacket(buf, buf.length));
            count.incrementAndGet();
          } catch (IOException e) {
            return;
          }
        }
      });
    }

    int port() {
      return socket.getLocalPort();
    }
  }

  private static void daemon(Runnable r) {
    Thread t = new Thread(r, "host-network-target");
    t.setDaemon(true);
    t.start();
  }
}
