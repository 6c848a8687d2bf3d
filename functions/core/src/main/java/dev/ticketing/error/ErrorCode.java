package dev.ticketing.error;

import java.util.Locale;

/**
 * Every {@code error} code an answer can carry (docs/api.md lists them with their statuses). The
 * status is the raiser's: the same code can fit two (a session that ended is 403 at the seat gate
 * and 410 to a poll).
 */
public enum ErrorCode {
  BAD_REQUEST,
  INVALID_ID,
  INVALID_BODY,
  INVALID_SINCE,
  UNKNOWN_SEATS,
  UNAUTHORIZED,
  FORBIDDEN,
  WRONG_PERFORMANCE,
  SESSION_ENDED,
  NOT_FOUND,
  METHOD_NOT_ALLOWED,
  NOT_ACCEPTABLE,
  CONFLICT,
  SEAT_UNAVAILABLE,
  GONE,
  TICKET_EXPIRED,
  SALE_ENDED,
  PAYLOAD_TOO_LARGE,
  UNSUPPORTED_MEDIA_TYPE,
  UNPROCESSABLE,
  LIMIT_EXCEEDED,
  /** A hold that expired or was released: it can no longer be confirmed (410). */
  HOLD_EXPIRED,
  /** A confirmed reservation cannot be released (409). */
  ALREADY_CONFIRMED,
  /** A hold token of another reservation (403). */
  WRONG_RESERVATION,
  /** Best available: no block of the seats asked for is free (409). */
  NO_SEATS_TOGETHER,
  TOO_MANY_REQUESTS,
  /** The local gateway: a client holds more connections than {@code MAX_CONNECTIONS_PER_CLIENT}. */
  TOO_MANY_CONNECTIONS,
  /** The local gateway: a request's headers or body did not arrive in time. */
  REQUEST_TIMEOUT,
  /** The local gateway: a request line longer than it reads. */
  URI_TOO_LONG,
  /** The local gateway: a header block larger, or with more headers, than it reads. */
  HEADERS_TOO_LARGE,
  /**
   * A waiting ticket polled before its {@code pollAfterSeconds} were up (429; the place is kept).
   */
  POLL_TOO_SOON,
  /** The joining address has used up its joins of the current window (429). */
  TOO_MANY_JOINS,
  /** A token-less join without the proof of work the toll asks for now (428). */
  PROOF_REQUIRED,
  /** A proof of work that is malformed, forged, stale or short of its difficulty (400). */
  INVALID_PROOF,
  /** A proof of work used for a join already (409). */
  PROOF_USED,
  /** An operator paused the sale: reservations are refused until it resumes (503). */
  SALE_PAUSED,
  /** The operator console: a login with an unknown operator or a wrong password (401). */
  INVALID_CREDENTIALS,
  /** The operator console: no valid operator token (missing, forged, expired, a buyer's) (401). */
  OPERATOR_AUTH_REQUIRED,
  INTERNAL_ERROR,
  SERVICE_UNAVAILABLE,
  /** A 4xx no other code fits (a status Micronaut raised that none of ours names). */
  ERROR;

  private final String code = name().toLowerCase(Locale.ROOT);

  /** The value of the body's {@code error} field. */
  public String code() {
    return code;
  }
}
