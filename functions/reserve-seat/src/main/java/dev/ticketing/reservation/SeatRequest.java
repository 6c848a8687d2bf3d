package dev.ticketing.reservation;

import dev.ticketing.error.ApiException;
import dev.ticketing.error.ErrorCode;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The body of a reservation request: {@code {"seatIds": [1 to 4 distinct positive ids]}}. */
public record SeatRequest(List<Long> seatIds) {
  public static final int MAX_SEATS = 4;

  public static SeatRequest parse(String body, JsonMapper json) {
    if (body == null || body.isBlank()) {
      throw invalid("Send {\"seatIds\": [...]} with 1 to " + MAX_SEATS + " seat ids.");
    }
    JsonNode root;
    try {
      root = json.readValue(body, JsonNode.class);
    } catch (IOException | RuntimeException e) {
      throw invalid("The body is not valid JSON.");
    }
    return of(root);
  }

  /** From the decoded body; null when there was no JSON body. */
  public static SeatRequest of(JsonNode root) {
    if (root == null || !root.isObject()) {
      throw invalid("The body must be a JSON object {\"seatIds\": [...]}.");
    }
    JsonNode ids = root.get("seatIds");
    if (ids == null || !ids.isArray()) {
      throw invalid("seatIds must be an array of seat ids.");
    }
    if (ids.size() == 0 || ids.size() > MAX_SEATS) {
      throw invalid("Choose 1 to " + MAX_SEATS + " seats (got " + ids.size() + ").");
    }
    List<Long> seatIds = new ArrayList<>(ids.size());
    Set<Long> seen = new HashSet<>();
    for (JsonNode id : ids.values()) {
      long seatId = seatId(id);
      if (!seen.add(seatId)) {
        throw invalid("Seat " + seatId + " appears twice.");
      }
      seatIds.add(seatId);
    }
    return new SeatRequest(List.copyOf(seatIds));
  }

  private static long seatId(JsonNode node) {
    if (node.isNumber()) {
      Number n = node.getNumberValue();
      boolean integral =
          n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte;
      if (n instanceof BigInteger big && big.bitLength() < 63) {
        integral = true;
      }
      if (integral && n.longValue() > 0) {
        return n.longValue();
      }
    }
    throw invalid("Every seat id must be a positive whole number.");
  }

  private static ApiException invalid(String message) {
    return ApiException.badRequest(ErrorCode.INVALID_BODY, message);
  }
}
