package dev.ticketing.http;

import dev.ticketing.error.ApiException;
import dev.ticketing.error.ErrorCode;

/** Parses the numeric ids in paths, with a 400 that names the bad segment. */
public final class PathIds {
  private PathIds() {}

  public static long performanceId(String raw) {
    return parse(raw, "performance id");
  }

  public static long parse(String raw, String what) {
    if (raw == null
        || raw.isEmpty()
        || raw.length() > 18
        || !raw.chars().allMatch(Character::isDigit)) {
      throw ApiException.badRequest(
          ErrorCode.INVALID_ID, "The " + what + " must be a positive number.");
    }
    long id = Long.parseLong(raw);
    if (id <= 0) {
      throw ApiException.badRequest(
          ErrorCode.INVALID_ID, "The " + what + " must be a positive number.");
    }
    return id;
  }
}
