/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.yaml;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Syntax of the values a policy holds: host paths and globs, environment names, header names, IP literals, CIDRs.
 * Each check returns the problem and its fix, or empty. Pure functions, no I/O (an IP check never resolves a name).
 */
public final class ValueSyntax {
  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
  private static final Pattern IPV4 = Pattern.compile("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}");
  private static final Pattern HEX_GROUP = Pattern.compile("[0-9A-Fa-f]{1,4}");

  private ValueSyntax() {}

  /** Where a path entry may point. */
  enum PathKind {
    /** {@code workdir}: no globs; relative to the current directory, so {@code ..} is allowed. */
    WORKDIR,
    /** filesystem lists: globs allowed; relative entries are relative to the workdir and must stay inside it. */
    ENTRY
  }

  static Optional<String> pathProblem(String path, PathKind kind) {
    if (path.isBlank()) {
      return Optional.of("empty path; write ~/..., an absolute path, or a path relative to the workdir");
    }
    for (int i = 0; i < path.length(); i++) {
      if (Character.isISOControl(path.charAt(i))) {
        return Optional.of("the path contains a control character; remove it");
      }
    }
    if (path.startsWith("~") && !path.equals("~") && !path.startsWith("~/")) {
      return Optional.of("'" + path + "': ~user paths are not supported; write ~/... (your home) or an absolute"
          + " path");
    }
    if (path.startsWith("$")) {
      return Optional.of("'" + path + "': variables are not expanded in paths; write ~/... instead of $HOME/...,"
          + " or an absolute path");
    }
    if (kind == PathKind.WORKDIR) {
      if (path.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{')) {
        return Optional.of("'" + path + "': the workdir is one directory, not a glob; remove * ? [ {");
      }
      return Optional.empty();
    }
    Optional<String> glob = globProblem(path);
    if (glob.isPresent()) {
      return glob;
    }
    if (!path.startsWith("/") && !path.startsWith("~")) {
      int depth = 0;
      for (String segment : path.split("/")) {
        if (segment.equals("..")) {
          if (--depth < 0) {
            return Optional.of("'" + path + "' leaves the workdir through '..'; relative entries are relative to the"
                + " workdir and must stay inside it: write an absolute path or ~/... for a place outside it");
          }
        } else if (!segment.isEmpty() && !segment.equals(".")) {
          depth++;
        }
      }
    }
    return Optional.empty();
  }

  /** Globs: {@code *} within a segment, {@code **} as a whole segment, {@code ?}, {@code [...]}, {@code \} escapes. */
  static Optional<String> globProblem(String glob) {
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      switch (c) {
        case '\\':
          if (++i >= glob.length()) {
            return Optional.of("'" + glob + "' ends with a lone '\\'; escape it as '\\\\'");
          }
          break;
        case '[': {
          int end = classEnd(glob, i);
          if (end < 0) {
            return Optional.of("'" + glob + "': '[' at position " + (i + 1) + " has no matching ']'; close the"
                + " class, e.g. [abc], or escape it as \\[");
          }
          i = end;
          break;
        }
        case ']':
          return Optional.of("'" + glob + "': ']' at position " + (i + 1) + " has no matching '['; escape it as \\]");
        case '{':
        case '}':
          return Optional.of("'" + glob + "': {a,b} alternatives are not supported (a brace would be taken"
              + " literally and match nothing you meant); write one entry per alternative");
        case '*':
          if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
            boolean segmentStart = i == 0 || glob.charAt(i - 1) == '/';
            boolean segmentEnd = i + 2 == glob.length() || glob.charAt(i + 2) == '/';
            if (!segmentStart || !segmentEnd) {
              return Optional.of("'" + glob + "': '**' must be a whole path segment, as in a/**/b or a/**; use a"
                  + " single '*' within a name");
            }
            i++;
          }
          break;
        default:
          break;
      }
    }
    return Optional.empty();
  }

  /** Index of the ']' closing the class at {@code open}, or -1; a ']' right after '[' or '[!' is a member. */
  private static int classEnd(String glob, int open) {
    int i = open + 1;
    if (i < glob.length() && (glob.charAt(i) == '!' || glob.charAt(i) == '^')) {
      i++;
    }
    if (i < glob.length() && glob.charAt(i) == ']') {
      i++;
    }
    for (; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '/' || c == '[') {
        return -1;
      }
      if (c == ']') {
        return i;
      }
    }
    return -1;
  }

  static boolean isEnvName(String name) {
    return ENV_NAME.matcher(name).matches();
  }

  static boolean isHeaderName(String name) {
    return HEADER_NAME.matcher(name).matches();
  }

  /** An IPv4 dotted quad (no leading zeros, which some resolvers read as octal) or an IPv6 literal. */
  public static boolean isIpLiteral(String s) {
    return isIpv4(s) || isIpv6(s);
  }

  static boolean isIpv4(String s) {
    if (!IPV4.matcher(s).matches()) {
      return false;
    }
    for (String part : s.split("\\.")) {
      if (Integer.parseInt(part) > 255) {
        return false;
      }
    }
    return true;
  }

  static boolean isIpv6(String s) {
    if (s.indexOf(':') < 0) {
      return false;
    }
    int doubleColon = s.indexOf("::");
    if (doubleColon >= 0 && s.indexOf("::", doubleColon + 1) >= 0) {
      return false;
    }
    int groups;
    if (doubleColon < 0) {
      groups = groups(s, true);
      return groups == 8;
    }
    String tail = s.substring(doubleColon + 2);
    int head = groups(s.substring(0, doubleColon), false);
    int rest = groups(tail, true);
    return head >= 0 && rest >= 0 && head + rest <= 7;
  }

  /** Number of 16-bit groups in a colon-separated run, or -1 when malformed; an IPv4 tail counts as two. */
  private static int groups(String run, boolean mayEndWithIpv4) {
    if (run.isEmpty()) {
      return 0;
    }
    String[] parts = run.split(":", -1);
    int groups = 0;
    for (int i = 0; i < parts.length; i++) {
      if (mayEndWithIpv4 && i == parts.length - 1 && parts[i].contains(".")) {
        if (!isIpv4(parts[i])) {
          return -1;
        }
        groups += 2;
      } else if (HEX_GROUP.matcher(parts[i]).matches()) {
        groups++;
      } else {
        return -1;
      }
    }
    return groups;
  }

  /** The problem with a CIDR ({@code 10.0.0.0/8}, {@code fd00::/8}) or a single address, or empty. */
  static Optional<String> cidrProblem(String cidr) {
    int slash = cidr.indexOf('/');
    String ip = slash < 0 ? cidr : cidr.substring(0, slash);
    if (!isIpLiteral(ip)) {
      return Optional.of("'" + cidr + "' is not a CIDR; write an address and a prefix length, e.g. 10.0.0.0/8,"
          + " 192.168.1.10/32 or fd00::/8");
    }
    int max = isIpv4(ip) ? 32 : 128;
    if (slash < 0) {
      return Optional.empty();
    }
    String len = cidr.substring(slash + 1);
    if (!len.matches("[0-9]{1,3}") || Integer.parseInt(len) > max) {
      return Optional.of("'" + cidr + "': the prefix length must be a number from 0 to " + max);
    }
    byte[] bytes = addressBytes(ip);
    int prefix = Integer.parseInt(len);
    byte[] network = bytes.clone();
    for (int bit = prefix; bit < network.length * 8; bit++) {
      network[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
    }
    if (!java.util.Arrays.equals(bytes, network)) {
      return Optional.of("'" + cidr + "' has bits set after the /" + prefix + " prefix; write the network address, "
          + format(network) + "/" + prefix);
    }
    return Optional.empty();
  }

  /** Bytes of a literal already checked by {@link #isIpLiteral}; no name resolution happens. */
  static byte[] addressBytes(String ip) {
    try {
      return java.net.InetAddress.getByName(ip).getAddress();
    } catch (java.net.UnknownHostException e) {
      throw new IllegalArgumentException("not an IP literal", e);
    }
  }

  private static String format(byte[] address) {
    try {
      return java.net.InetAddress.getByAddress(address).getHostAddress();
    } catch (java.net.UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
