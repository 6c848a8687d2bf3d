package dev.ticketing.queue;

import dev.ticketing.config.Secrets;
import dev.ticketing.error.ApiException;
import dev.ticketing.error.ErrorCode;
import io.lettuce.core.api.StatefulRedisConnection;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The toll at the door: an optional proof of work on token-less joins (docs/queue.md#the-toll). A
 * challenge names the performance, a time window and the difficulty, signed (HMAC-SHA256 with the
 * token signing key), so the server keeps nothing per challenge. A proof is a nonce such that
 * SHA-256(challenge ":" nonce) starts with {@code difficulty} zero bits: checked here with one HMAC
 * and one hash; that it meets the difficulty required now and was never used before is checked by
 * {@code issue.lua}, in the same round trip as the join.
 */
@Singleton
public class JoinToll {
  /** The challenge's time window; a challenge is accepted in its window and the next one. */
  public static final Duration WINDOW = Duration.ofSeconds(60);

  /** The most zero bits an operator may ask for (2^32 hashes: hours on a phone). */
  public static final int MAX_DIFFICULTY = 32;

  private static final Pattern NONCE = Pattern.compile("[0-9]{1,20}");
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private final Secrets secrets;
  private final StatefulRedisConnection<String, String> redis;
  private final QueueRules rules;

  public JoinToll(
      Secrets secrets,
      @Named("primary") StatefulRedisConnection<String, String> redis,
      QueueRules rules) {
    this.secrets = secrets;
    this.redis = redis;
    this.rules = rules;
  }

  /** A challenge to solve: what to hash, how many zero bits, until when it is accepted. */
  @io.micronaut.serde.annotation.Serdeable
  public record Challenge(String challenge, int difficulty, Instant expiresAt) {}

  /** A proof that passed the signature and the hash: its difficulty and its id (for replays). */
  public record Proof(int difficulty, String id, Instant windowEndsAt) {}

  /**
   * The difficulty joins need now: the operator's (live) for this performance, else the setting.
   */
  public int difficulty(long performanceId) {
    String live = redis.sync().get(new QueueKeys(performanceId).toll());
    return live == null ? rules.joinProofDifficulty() : Integer.parseInt(live);
  }

  /** The operator's live difficulty, kept as long as the performance's other keys. */
  public void setDifficulty(SaleWindow sale, int bits) {
    redis
        .sync()
        .set(
            new QueueKeys(sale.performanceId()).toll(),
            Integer.toString(bits),
            io.lettuce.core.SetArgs.Builder.pxAt(rules.keysExpireAt(sale).toEpochMilli()));
  }

  public Challenge challenge(long performanceId, Instant now) {
    return challenge(performanceId, now, difficulty(performanceId));
  }

  /** A challenge of a given difficulty (no Redis read: benchmarks, tests). */
  public Challenge challenge(long performanceId, Instant now, int difficulty) {
    long window = windowStart(now);
    String signed = performanceId + "." + window + "." + difficulty;
    return new Challenge(
        signed + "." + B64.encodeToString(mac(signed)),
        difficulty,
        Instant.ofEpochSecond(window).plus(WINDOW.multipliedBy(2)));
  }

  /**
   * The proof of a join, checked with one HMAC and one SHA-256; 400 {@code invalid_proof} when it
   * is malformed, forged, for another performance, stale or does not meet its difficulty.
   */
  public Proof verify(long performanceId, String challenge, String nonce, Instant now) {
    if (challenge == null || nonce == null || !NONCE.matcher(nonce).matches()) {
      throw invalid("a proof is a challenge and a nonce of digits");
    }
    String[] parts = challenge.split("\\.", -1);
    if (parts.length != 4 || challenge.length() > 200) {
      throw invalid("not a challenge of this service");
    }
    String signed = parts[0] + "." + parts[1] + "." + parts[2];
    byte[] signature;
    try {
      signature = Base64.getUrlDecoder().decode(parts[3]);
    } catch (IllegalArgumentException e) {
      throw invalid("not a challenge of this service");
    }
    if (!MessageDigest.isEqual(signature, mac(signed))) {
      throw invalid("not a challenge of this service");
    }
    if (!parts[0].equals(Long.toString(performanceId))) {
      throw invalid("the challenge is for another performance");
    }
    Instant windowEnds =
        Instant.ofEpochSecond(Long.parseLong(parts[1])).plus(WINDOW.multipliedBy(2));
    if (!now.isBefore(windowEnds)) {
      throw invalid("the challenge is stale: fetch a new one");
    }
    int difficulty = Integer.parseInt(parts[2]);
    byte[] hash = sha256(challenge + ":" + nonce);
    if (leadingZeroBits(hash) < difficulty) {
      throw invalid("the nonce does not meet the challenge's difficulty");
    }
    return new Proof(difficulty, HexFormat.of().formatHex(Arrays.copyOf(hash, 16)), windowEnds);
  }

  /** The proof of a join request, if it carries one. */
  public Optional<Proof> verifyIfPresent(
      long performanceId, Optional<String> challenge, Optional<String> nonce, Instant now) {
    if (challenge.isEmpty() && nonce.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(verify(performanceId, challenge.orElse(null), nonce.orElse(null), now));
  }

  /** 428 {@code proof_required}: the join must pay the toll (at least {@code difficulty} bits). */
  public static ApiException required(int difficulty) {
    return new ApiException(
        io.micronaut.http.HttpStatus.PRECONDITION_REQUIRED,
        ErrorCode.PROOF_REQUIRED,
        "Joining the queue needs a proof of work of "
            + difficulty
            + " bits: fetch a challenge from .../queue/challenge and send its solution.",
        java.util.Map.of("difficulty", difficulty));
  }

  /** 409 {@code proof_used}: a proof buys one place. */
  public static ApiException used() {
    return new ApiException(
        io.micronaut.http.HttpStatus.CONFLICT,
        ErrorCode.PROOF_USED,
        "This proof of work has been used already: solve a new one.");
  }

  /** The zero bits a hash starts with: what a proof must reach. */
  public static int leadingZeroBits(byte[] hash) {
    int bits = 0;
    for (byte b : hash) {
      if (b == 0) {
        bits += 8;
        continue;
      }
      return bits + Integer.numberOfLeadingZeros(b & 0xff) - 24;
    }
    return bits;
  }

  private static long windowStart(Instant now) {
    long seconds = WINDOW.toSeconds();
    return Math.floorDiv(now.getEpochSecond(), seconds) * seconds;
  }

  private static ApiException invalid(String why) {
    return ApiException.badRequest(ErrorCode.INVALID_PROOF, "Invalid proof of work: " + why + ".");
  }

  private byte[] mac(String signed) {
    return Arrays.copyOf(
        secrets.hmacSha256(("toll|" + signed).getBytes(StandardCharsets.US_ASCII)), 16);
  }

  private static byte[] sha256(String input) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(input.getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
