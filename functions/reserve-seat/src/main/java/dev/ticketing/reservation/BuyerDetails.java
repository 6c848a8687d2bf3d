package dev.ticketing.reservation;

import dev.ticketing.error.ApiException;
import dev.ticketing.error.ErrorCode;
import io.micronaut.json.tree.JsonNode;
import java.util.regex.Pattern;

/**
 * The buyer's name and e-mail a confirmation needs: {@code {"name": ..., "email": ...}}. A name of
 * 1 to 100 characters without control characters; an e-mail address of the usual shape
 * (local@domain.tld, at most 254 characters). Anything else is {@code 400 invalid_body}.
 */
public record BuyerDetails(String name, String email) {
  static final int MAX_NAME = 100;
  static final int MAX_EMAIL = 254;
  private static final Pattern EMAIL =
      Pattern.compile(
          "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
              + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+");
  private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

  public static BuyerDetails of(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw invalid("The body must be {\"name\": ..., \"email\": ...}.");
    }
    String name = text(body, "name").strip();
    String email = text(body, "email").strip();
    if (name.isEmpty() || name.length() > MAX_NAME || CONTROL.matcher(name).find()) {
      throw invalid("name must be 1 to " + MAX_NAME + " characters, without control characters.");
    }
    if (email.length() > MAX_EMAIL || !EMAIL.matcher(email).matches()) {
      throw invalid("email must be an e-mail address such as ana@example.com.");
    }
    return new BuyerDetails(name, email);
  }

  private static String text(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || !value.isString()) {
      throw invalid(field + " is required (a string).");
    }
    return value.getStringValue();
  }

  private static ApiException invalid(String message) {
    return ApiException.badRequest(ErrorCode.INVALID_BODY, message);
  }
}
