package dev.ticketing.reservation;

import dev.ticketing.config.Secrets;
import dev.ticketing.function.FunctionEnvironments;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ticket codes: {@code TKT1.<performance>.<seat>.<reservation>.<signature>}, where the signature is
 * the first 128 bits of HMAC-SHA256 over {@code ticket:<performance>.<seat>.<reservation>} with the
 * service's signing key. A door scanner holding the key verifies a code without a database (the
 * prefix keeps a ticket's signature from ever being a token's). The same confirmed seat always gets
 * the same code, so a retried confirm returns the same tickets.
 */
@Singleton
@Requires(env = FunctionEnvironments.RESERVE_SEAT)
public class TicketCodes {
  private static final Pattern CODE =
      Pattern.compile("TKT1\\.(\\d{1,18})\\.(\\d{1,18})\\.([0-9a-f-]{36})\\.([A-Za-z0-9_-]{22})");
  private static final int SIGNATURE_BYTES = 16;

  /** What a valid code says. */
  public record Ticketed(long performanceId, long seatId, String reservationId) {}

  private final Secrets secrets;

  public TicketCodes(Secrets secrets) {
    this.secrets = secrets;
  }

  public String issue(long performanceId, long seatId, String reservationId) {
    String body = performanceId + "." + seatId + "." + reservationId;
    return "TKT1." + body + "." + b64(signature(body));
  }

  /** The ticket a code stands for, or empty when it is malformed or its signature is wrong. */
  public Optional<Ticketed> verify(String code) {
    Matcher m = CODE.matcher(code == null ? "" : code);
    if (!m.matches()) {
      return Optional.empty();
    }
    String body = m.group(1) + "." + m.group(2) + "." + m.group(3);
    byte[] given = Base64.getUrlDecoder().decode(m.group(4));
    if (!MessageDigest.isEqual(given, signature(body))) {
      return Optional.empty();
    }
    return Optional.of(
        new Ticketed(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), m.group(3)));
  }

  private byte[] signature(String body) {
    byte[] full = secrets.hmacSha256(("ticket:" + body).getBytes(StandardCharsets.US_ASCII));
    return Arrays.copyOf(full, SIGNATURE_BYTES);
  }

  private static String b64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
