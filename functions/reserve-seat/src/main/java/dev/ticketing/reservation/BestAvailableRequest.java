package dev.ticketing.reservation;

import dev.ticketing.error.ApiException;
import dev.ticketing.error.ErrorCode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;

/**
 * The body of a best-available request: {@code {"count": N, "grade": optional}}, N from 1 to the
 * seat limit (checked by the caller), grade a price grade's name.
 */
public record BestAvailableRequest(int count, @Nullable String grade) {

  /** True when the body asks for best available rather than chosen seats. */
  public static boolean asks(JsonNode body) {
    return body != null && body.isObject() && body.get("count") != null;
  }

  public static BestAvailableRequest of(JsonNode body) {
    JsonNode count = body.get("count");
    if (count == null
        || !count.isNumber()
        || count.getNumberValue().doubleValue() != count.getIntValue()
        || count.getIntValue() < 1
        || count.getIntValue() > SeatRequest.MAX_SEATS) {
      throw invalid("count must be a whole number from 1 to " + SeatRequest.MAX_SEATS + ".");
    }
    if (body.get("seatIds") != null) {
      throw invalid("Send either seatIds or count, not both.");
    }
    JsonNode grade = body.get("grade");
    if (grade != null
        && !grade.isNull()
        && (!grade.isString() || grade.getStringValue().isBlank())) {
      throw invalid("grade must be the name of a price grade.");
    }
    return new BestAvailableRequest(
        count.getIntValue(), grade == null || grade.isNull() ? null : grade.getStringValue());
  }

  private static ApiException invalid(String message) {
    return ApiException.badRequest(ErrorCode.INVALID_BODY, message);
  }
}
