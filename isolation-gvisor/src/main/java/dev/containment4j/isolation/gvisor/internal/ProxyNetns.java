/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.gvisor.internal;

import dev.containment4j.event.AuditListener;
import dev.containment4j.internal.process.Pidfd;
import dev.containment4j.spi.EgressGateway;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * The network namespace of one sandbox under {@code network.mode: proxy}: created before runsc starts by a binder
 * process ({@code unshare --net} running a few lines of Perl) that brings {@code lo} up, listens on
 * {@code 127.0.0.1:}{@value #PORT} there and then waits for its standard input to close. The sandbox joins this
 * namespace ({@code config.json} names {@link #path()}) and runs with {@code --network=host}, so the only thing it
 * can reach is that listener. For each call the JVM takes a fresh duplicate of the listener with
 * {@code pidfd_getfd(2)} and lets the egress proxy accept on it with the call's id ({@link #serve}).
 *
 * <p>The binder keeps the namespace and the listener alive for the sandbox's life and exits when {@link #close()}
 * closes its standard input, or when the JVM dies (its end of the pipe closes with it): nothing needs reaping.
 */
final class ProxyNetns implements AutoCloseable {
  /** Where the proxy appears inside every sandbox. */
  static final int PORT = 3128;
  static final String MARKER = "containment-gvisor-netns";

  // SIOCGIFFLAGS / SIOCSIFFLAGS (the same on every Linux architecture); struct ifreq is 40 bytes on 64-bit
  private static final String PERL = String.join("",
      "use Socket;use POSIX();my $p=$ARGV[0];",
      "sub fail{print \"" + MARKER + ": $_[0]\\n\";POSIX::_exit(3)}",
      "socket(my $u,PF_INET,SOCK_DGRAM,0)or fail(\"socket: $!\");",
      "my $r=pack('a16 s x22','lo');ioctl($u,0x8913,$r)or fail(\"SIOCGIFFLAGS lo: $!\");",
      "ioctl($u,0x8914,pack('a16 s x22','lo',unpack('x16 s',$r)|1))or fail(\"SIOCSIFFLAGS lo: $!\");close($u);",
      "socket(my $s,PF_INET,SOCK_STREAM,0)or fail(\"socket: $!\");",
      "bind($s,pack_sockaddr_in($p,INADDR_LOOPBACK))or fail(\"bind 127.0.0.1:$p: $!\");",
      "listen($s,4096)or fail(\"listen: $!\");",
      "$|=1;print 'ready ',fileno($s),\"\\n\";",
      "1 while sysread(STDIN,my $b,64);POSIX::_exit(0)");

  private final Process binder;
  private final Pidfd pidfd;
  private final int listenerFd;
  private final EgressGateway gateway;

  private ProxyNetns(Process binder, Pidfd pidfd, int listenerFd, EgressGateway gateway) {
    this.binder = binder;
    this.pidfd = pidfd;
    this.listenerFd = listenerFd;
    this.gateway = gateway;
  }

  /** The binder's command line ({@code unshare --net -- perl -e ... MARKER PORT}). */
  static List<String> command(String unshare, String perl) {
    return List.of(unshare, "--net", "--", perl, "-e", PERL, Integer.toString(PORT), MARKER);
  }

  /**
   * Starts the binder and waits until it listens.
   *
   * @throws IllegalStateException with the binder's own message when it could not listen in time
   */
  static ProxyNetns create(List<String> command, EgressGateway gateway, Duration deadline) {
    Process p;
    try {
      p = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start " + command.get(0) + ": " + e.getMessage(), e);
    }
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    try {
      String line;
      try {
        line = CompletableFuture.supplyAsync(() -> {
          try {
            return out.readLine();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }).get(deadline.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        throw new IllegalStateException("the network namespace binder did not listen on 127.0.0.1:" + PORT
            + " within " + deadline.toMillis() + " ms");
      } catch (ExecutionException e) {
        throw new IllegalStateException("cannot read from the network namespace binder: " + e.getCause(), e);
      }
      if (line == null || !line.startsWith("ready ")) {
        String rest = out.lines().collect(Collectors.joining("\n"));
        throw new IllegalStateException("the network namespace binder (" + command.get(0) + " --net, then "
            + command.get(3) + ") failed: " + (line == null ? "" : line) + (rest.isEmpty() ? "" : "\n" + rest));
      }
      int fd = Integer.parseInt(line.substring("ready ".length()).trim());
      Pidfd pidfd = Pidfd.open(p.pid());
      return new ProxyNetns(p, pidfd, fd, gateway);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      kill(p);
      throw new IllegalStateException("interrupted while starting the network namespace binder", e);
    } catch (RuntimeException e) {
      kill(p);
      throw e;
    }
  }

  /** {@code /proc/PID/ns/net} of the binder: the namespace {@code config.json} tells runsc to join. */
  String path() {
    return "/proc/" + binder.pid() + "/ns/net";
  }

  long binderPid() {
    return binder.pid();
  }

  /**
   * Lets the proxy accept on a fresh duplicate of the listener, its events carrying {@code callId}; close the result
   * when the call ends (the binder's own copy keeps the listener, so the next call can serve it again).
   */
  synchronized EgressGateway.ServedSocket serve(String callId, AuditListener events) {
    if (!binder.isAlive()) {
      throw new IllegalStateException("the network namespace binder (pid " + binder.pid() + ") is gone");
    }
    EgressGateway.ServedSocket served = gateway.serve(pidfd.getfd(listenerFd), callId, events);
    if (!served.address().getAddress().isLoopbackAddress() || served.address().getPort() != PORT) {
      served.close();
      throw new IllegalStateException("the binder's descriptor " + listenerFd + " is bound to " + served.address()
          + ", not 127.0.0.1:" + PORT);
    }
    return served;
  }

  /** Ends the binder (and with it the listener and, once the sandbox is gone, the namespace). Idempotent. */
  @Override
  public synchronized void close() {
    pidfd.close();
    kill(binder);
  }

  private static void kill(Process p) {
    try {
      p.getOutputStream().close(); // the binder's cue to exit
    } catch (IOException ignored) {
      // killed below
    }
    p.destroyForcibly();
    try {
      p.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
