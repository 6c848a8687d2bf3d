package dev.ticketing.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A client's address as a limit counts it: an IPv4 address as is, an IPv6 address by its /64
 * network (one subscriber gets a whole /64 and can pick any address in it). Accepts a bare address,
 * {@code IPv4:port} and {@code [IPv6]:port} (the forms of {@code CloudFront-Viewer-Address}); an
 * IPv4-mapped IPv6 address counts as its IPv4 address. Anything else is unknown.
 */
public final class ClientAddress {
  private static final Pattern IPV4 =
      Pattern.compile(
          "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
  private static final Pattern HEX_GROUP = Pattern.compile("[0-9a-fA-F]{1,4}");

  private ClientAddress() {}

  public static Optional<String> normalize(String raw) {
    if (raw == null || raw.isBlank() || raw.length() > 64) {
      return Optional.empty();
    }
    String s = raw.trim();
    if (s.startsWith("[")) {
      int end = s.indexOf(']');
      if (end < 0) {
        return Optional.empty();
      }
      s = s.substring(1, end);
    } else if (s.indexOf(':') > 0 && s.indexOf(':') == s.lastIndexOf(':')) {
      s = s.substring(0, s.indexOf(':')); // IPv4:port
    }
    if (IPV4.matcher(s).matches()) {
      return Optional.of(s);
    }
    return ipv6(s);
  }

  private static Optional<String> ipv6(String s) {
    int zone = s.indexOf('%');
    if (zone >= 0) {
      s = s.substring(0, zone);
    }
    List<Integer> groups = new ArrayList<>();
    int gap = -1;
    String[] halves = s.split("::", -1);
    if (halves.length > 2) {
      return Optional.empty();
    }
    for (int h = 0; h < halves.length; h++) {
      if (h == 1) {
        gap = groups.size();
      }
      if (halves[h].isEmpty()) {
        continue;
      }
      String[] parts = halves[h].split(":", -1);
      for (int i = 0; i < parts.length; i++) {
        String part = parts[i];
        if (i == parts.length - 1 && h == halves.length - 1 && IPV4.matcher(part).matches()) {
          String[] octets = part.split("\\.");
          groups.add(Integer.parseInt(octets[0]) << 8 | Integer.parseInt(octets[1]));
          groups.add(Integer.parseInt(octets[2]) << 8 | Integer.parseInt(octets[3]));
        } else if (HEX_GROUP.matcher(part).matches()) {
          groups.add(Integer.parseInt(part, 16));
        } else {
          return Optional.empty();
        }
      }
    }
    if (gap >= 0) {
      if (groups.size() > 7) {
        return Optional.empty();
      }
      while (groups.size() < 8) {
        groups.add(gap, 0);
      }
    }
    if (groups.size() != 8) {
      return Optional.empty();
    }
    boolean mapped = groups.subList(0, 5).stream().allMatch(g -> g == 0) && groups.get(5) == 0xffff;
    if (mapped) {
      int hi = groups.get(6);
      int lo = groups.get(7);
      return Optional.of((hi >> 8) + "." + (hi & 0xff) + "." + (lo >> 8) + "." + (lo & 0xff));
    }
    return Optional.of(
        String.format(
            Locale.ROOT,
            "%x:%x:%x:%x::/64",
            groups.get(0),
            groups.get(1),
            groups.get(2),
            groups.get(3)));
  }
}
