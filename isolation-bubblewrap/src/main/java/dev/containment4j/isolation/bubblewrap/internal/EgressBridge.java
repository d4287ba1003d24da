/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.bubblewrap.internal;

import dev.containment4j.SandboxSetupException;
import dev.containment4j.event.AuditListener;
import dev.containment4j.internal.process.BoundedProcess;
import dev.containment4j.internal.process.Pidfd;
import dev.containment4j.spi.EgressGateway;
import dev.containment4j.spi.IsolationSpec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code network.mode: proxy} for bubblewrap without a relay. The sandbox keeps {@code --unshare-net} (only
 * {@code lo}, no route, no resolver). A binder runs first inside it: a few lines of Perl (or Python) that bind and
 * listen on {@code 127.0.0.1:}{@value #PORT} in the sandbox's network namespace, move the socket to descriptor
 * {@value #FD} (close-on-exec) and stop themselves with {@code SIGSTOP}. The JVM finds the stopped binder among the launcher's
 * descendants, takes a duplicate of the listening socket with {@code pidfd_getfd(2)} and hands it to the egress proxy,
 * which accepts on it on its own event loop ({@link EgressGateway#serve}); then it continues the binder
 * ({@code SIGCONT}), which {@code exec}s the tool (dropping its copy: close-on-exec). So the tool's connections to the proxy land
 * directly on the proxy, and the tool itself never holds the listener, an {@code AF_UNIX} socket or a route out.
 *
 * <p>Why this shape: the sandbox's seccomp filter refuses {@code socket(AF_UNIX)} (no descriptor passing from inside),
 * Java cannot give a child extra descriptors, and {@code setns(2)} from the JVM needs {@code CAP_SYS_ADMIN} in the
 * JVM's own user namespace. {@code pidfd_getfd} needs only ptrace access to a descendant of the same uid, which an
 * unprivileged JVM has (Linux 5.6+). The listening socket keeps the sandbox's network namespace alive, so
 * {@link Attachment#close()} closes it when the call ends.
 */
final class EgressBridge {
  /** Where the proxy appears inside every sandbox (each has its own network namespace). */
  static final int PORT = 3128;
  /** The binder's descriptor for the listening socket. */
  static final int FD = 100;
  static final String MARKER = "containment-egress-binder";
  /** Exit status of a binder that could not listen (as the launcher's). */
  static final int BINDER_FAILED = Launcher.LAUNCHER_FAILED;

  /**
   * The Perl binder. No modules (loading POSIX and Socket cost 10-25 ms of CPU per call): Linux's numbers for
   * {@code AF_INET} (2), {@code SOCK_STREAM} (1) and {@code F_DUPFD_CLOEXEC} (1030), a packed {@code sockaddr_in}.
   * The socket moves to descriptor {@value #FD} close-on-exec, so the {@code exec} of the tool drops it.
   */
  private static final String PERL = String.join("",
      "my(undef,$port,$fd)=map{0+$_}splice(@ARGV,0,3);",
      "sub fail{print STDERR \"" + MARKER + ": $_[0]\\n\";exit " + BINDER_FAILED + "}",
      "socket(my $s,2,1,0)or fail(\"socket: $!\");",
      "bind($s,pack(\"Sna4x8\",2,$port,\"\\x7f\\0\\0\\1\"))or fail(\"bind 127.0.0.1:$port: $!\");",
      "listen($s,4096)or fail(\"listen: $!\");",
      "(fcntl($s,1030,$fd)//-1)==$fd or fail(\"fcntl(F_DUPFD_CLOEXEC, $fd): $!\");close($s);",
      "kill('STOP',$$);",
      "exec{$ARGV[0]}@ARGV;print STDERR \"" + MARKER + ": cannot run $ARGV[0]: $!\\n\";exit 127");

  private static final String PYTHON = String.join("\n",
      "import os,signal,socket,sys",
      "port,fd=int(sys.argv[2]),int(sys.argv[3]);cmd=sys.argv[4:]",
      "try:",
      " s=socket.socket();s.bind(('127.0.0.1',port));s.listen(4096);os.dup2(s.fileno(),fd,False);s.close()",
      "except OSError as e:",
      " sys.stderr.write('" + MARKER + ": listen on 127.0.0.1:%d: %s\\n'%(port,e));os._exit(" + BINDER_FAILED + ")",
      "os.kill(os.getpid(),signal.SIGSTOP);os.close(fd)",
      "try:",
      " os.execvp(cmd[0],cmd)",
      "except OSError as e:",
      " sys.stderr.write('" + MARKER + ": cannot run %s: %s\\n'%(cmd[0],e));os._exit(127)");

  /** An interpreter of the host root (the sandbox sees the host's {@code /} read-only) and how it runs the binder. */
  record Interpreter(Path path, List<String> prefix) {
    /** The sandbox's command: the binder, then {@code command}. */
    List<String> wrap(List<String> command) {
      List<String> argv = new ArrayList<>(prefix);
      argv.add(MARKER);
      argv.add(Integer.toString(PORT));
      argv.add(Integer.toString(FD));
      argv.addAll(command);
      return List.copyOf(argv);
    }

    static Interpreter perl(Path path) {
      return new Interpreter(path, List.of(path.toString(), "-e", PERL, "--"));
    }

    static Interpreter python(Path path) {
      return new Interpreter(path, List.of(path.toString(), "-I", "-S", "-c", PYTHON));
    }
  }

  /** Perl first (Debian's Essential {@code perl-base}; starts in a few ms), then Python 3. */
  private static final List<Path> PERLS = List.of(Path.of("/usr/bin/perl"), Path.of("/bin/perl"));
  private static final List<Path> PYTHONS = List.of(Path.of("/usr/bin/python3"), Path.of("/bin/python3"));

  private final EgressGateway gateway;
  private final Interpreter interpreter;

  private EgressBridge(EgressGateway gateway, Interpreter interpreter) {
    this.gateway = gateway;
    this.interpreter = interpreter;
  }

  /**
   * Checks that the bridge can work here (a gateway that can adopt a socket, an interpreter that runs the binder)
   * and fails closed with what is missing.
   */
  static EgressBridge open(IsolationSpec spec) {
    EgressGateway gateway = spec.egress().orElseThrow(() -> refuse("no egress proxy was started for this spec"
        + " (the engine starts it when network.mode is proxy and containment4j-egress is on the class path)"));
    if (!gateway.canServeListeningSockets()) {
      throw refuse("the egress proxy cannot adopt a socket descriptor here (it needs Netty's native epoll transport;"
          + " is -Dcontainment.egress.nio=true set, or is netty-transport-native-epoll missing for this CPU?)");
    }
    return new EgressBridge(gateway, findInterpreter());
  }

  /** The binder's interpreter: the first of Perl and Python 3 that runs it here. */
  static Interpreter findInterpreter() {
    List<String> tried = new ArrayList<>();
    for (Path p : PERLS) {
      if (works(p, List.of(p.toString(), "-e", "socket(my $s,2,1,0)or exit 1"), tried)) {
        return Interpreter.perl(p);
      }
    }
    for (Path p : PYTHONS) {
      if (works(p, List.of(p.toString(), "-I", "-S", "-c", "import os,signal,socket"), tried)) {
        return Interpreter.python(p);
      }
    }
    throw refuse("no interpreter for the in-sandbox socket binder: tried " + String.join("; ", tried)
        + "; install perl-base (Debian/Ubuntu: apt-get install perl-base; Fedora: dnf install perl-interpreter) or"
        + " python3");
  }

  private static boolean works(Path p, List<String> argv, List<String> tried) {
    if (!Files.isExecutable(p)) {
      tried.add(p + " (not found)");
      return false;
    }
    try {
      BoundedProcess.Outcome o = BoundedProcess.run(argv, Map.of("PATH", "/usr/bin:/bin"), null, null, 4096,
          Duration.ofSeconds(10));
      if (o.exitCode() == 0) {
        return true;
      }
      tried.add(p + " (exit " + o.exitCode() + ": " + o.stderrText().strip() + ")");
    } catch (RuntimeException e) {
      tried.add(p + " (" + e.getMessage() + ")");
    }
    return false;
  }

  Interpreter interpreter() {
    return interpreter;
  }

  /**
   * The sandbox environment under the bridge: the proxy variables for {@code 127.0.0.1:}{@value #PORT} replace those
   * the engine computed for the host's listener.
   */
  static Map<String, String> environment(Map<String, String> base, EgressGateway gateway) {
    Map<String, String> env = new LinkedHashMap<>(base);
    env.putAll(gateway.environment(PORT));
    return env;
  }

  /** Host paths the sandbox must read: the directory of the interception CA certificate and trust stores. */
  static List<Path> readablePaths(EgressGateway gateway) {
    return gateway.caCertificate().map(Path::getParent).map(List::of).orElse(List.of());
  }

  EgressGateway gateway() {
    return gateway;
  }

  /** A bridge for one sandbox run; give it to the process runner as its on-start hook. */
  Attachment attach(String callId, AuditListener events, Duration deadline) {
    return new Attachment(callId, events, deadline);
  }

  /**
   * One run's bridge. {@link #accept} (on the started launcher) takes the listener, serves it and starts the tool; it
   * never throws: on failure it kills the launcher's tree and keeps the reason for {@link #failure()}.
   */
  final class Attachment implements Consumer<ProcessHandle>, AutoCloseable {
    private final String callId;
    private final AuditListener events;
    private final Duration deadline;
    private EgressGateway.ServedSocket served;
    private RuntimeException failure;

    private Attachment(String callId, AuditListener events, Duration deadline) {
      this.callId = callId;
      this.events = events;
      this.deadline = deadline;
    }

    @Override
    public void accept(ProcessHandle launcher) {
      try {
        connect(launcher);
      } catch (RuntimeException e) {
        failure = e;
        launcher.descendants().forEach(ProcessHandle::destroyForcibly);
        launcher.destroyForcibly();
        close();
      }
    }

    private void connect(ProcessHandle launcher) {
      long until = System.nanoTime() + deadline.toNanos();
      long pause = 200_000L; // ns; the binder is stopped a few ms after bwrap starts
      while (true) {
        Optional<Long> binder = findStoppedBinder(launcher.pid());
        if (binder.isPresent()) {
          try (Pidfd pidfd = Pidfd.open(binder.get())) {
            // the pidfd pins the process: re-check that the pid still names the stopped binder
            if (isStoppedBinder(binder.get())) {
              take(pidfd);
              return;
            }
          }
        }
        if (!launcher.isAlive()) {
          throw new IllegalStateException("the sandbox ended before the binder listened on 127.0.0.1:" + PORT);
        }
        if (System.nanoTime() > until) {
          throw new IllegalStateException("the binder did not listen on 127.0.0.1:" + PORT + " within "
              + deadline.toMillis() + " ms");
        }
        java.util.concurrent.locks.LockSupport.parkNanos(pause);
        pause = Math.min(pause * 2, 2_000_000L);
      }
    }

    private void take(Pidfd pidfd) {
      int fd = pidfd.getfd(FD);
      served = gateway.serve(fd, callId, events);
      InetSocketAddress a = served.address();
      if (!a.getAddress().isLoopbackAddress() || a.getPort() != PORT) {
        throw new IllegalStateException("the binder's descriptor " + FD + " is bound to " + a + ", not 127.0.0.1:"
            + PORT);
      }
      pidfd.signal(Pidfd.SIGCONT);
    }

    /** Why the bridge failed (the tool did not run), if it did. */
    Optional<RuntimeException> failure() {
      return Optional.ofNullable(failure);
    }

    /** Stops accepting and closes the sandbox's listener (which would otherwise keep its namespace alive). */
    @Override
    public void close() {
      if (served != null) {
        served.close();
        served = null;
      }
    }
  }

  /** The stopped binder among {@code root}'s descendants, if any. */
  static Optional<Long> findStoppedBinder(long root) {
    Deque<Long> todo = new ArrayDeque<>();
    todo.add(root);
    while (!todo.isEmpty()) {
      long pid = todo.poll();
      for (long child : children(pid)) {
        if (isStoppedBinder(child)) {
          return Optional.of(child);
        }
        todo.add(child);
      }
    }
    return Optional.empty();
  }

  /** Direct children from {@code /proc/PID/task/TID/children}, or the JDK's process scan where that is missing. */
  private static List<Long> children(long pid) {
    List<Long> out = new ArrayList<>();
    Path tasks = Path.of("/proc", Long.toString(pid), "task");
    try (var ds = Files.newDirectoryStream(tasks)) {
      for (Path task : ds) {
        Path file = task.resolve("children");
        if (!Files.exists(file)) {
          return ProcessHandle.of(pid).map(h -> h.children().map(ProcessHandle::pid).toList()).orElse(List.of());
        }
        for (String s : Files.readString(file, StandardCharsets.US_ASCII).trim().split(" ")) {
          if (!s.isEmpty()) {
            out.add(Long.parseLong(s));
          }
        }
      }
    } catch (IOException e) {
      return List.of(); // the process is gone (or exiting): no children to look at
    }
    return out;
  }

  /** Stopped ({@code T} in {@code /proc/PID/stat}) and running the binder (its marker is an argument). */
  static boolean isStoppedBinder(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
      int close = stat.lastIndexOf(')');
      if (close < 0 || close + 2 >= stat.length() || stat.charAt(close + 2) != 'T') {
        return false;
      }
      byte[] cmdline = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
      for (String arg : new String(cmdline, StandardCharsets.UTF_8).split("\0")) {
        if (arg.equals(MARKER)) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      return false;
    }
  }

  private static SandboxSetupException refuse(String why) {
    return new SandboxSetupException(BubblewrapBackend.ID, -1, "", "network.mode: proxy with bubblewrap: " + why
        + "; nothing was run. Or use network.mode: none (no network)");
  }
}
