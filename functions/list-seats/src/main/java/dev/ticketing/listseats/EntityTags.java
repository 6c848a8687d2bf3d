package dev.ticketing.listseats;

import dev.ticketing.seats.LiveSeatMap;

/** The seat map's ETag is its version in quotes: {@code "42"}. */
final class EntityTags {
  private EntityTags() {}

  static String of(long version) {
    return "\"" + version + "\"";
  }

  /** The version named by the first tag of an If-None-Match header; none for anything else. */
  static long version(String ifNoneMatch) {
    if (ifNoneMatch == null) {
      return LiveSeatMap.NO_VERSION;
    }
    String tag = ifNoneMatch.split(",", 2)[0].trim();
    if (tag.startsWith("W/")) {
      tag = tag.substring(2);
    }
    if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
      tag = tag.substring(1, tag.length() - 1);
    }
    if (tag.isEmpty() || tag.length() > 18 || !tag.chars().allMatch(Character::isDigit)) {
      return LiveSeatMap.NO_VERSION;
    }
    return Long.parseLong(tag);
  }
}
