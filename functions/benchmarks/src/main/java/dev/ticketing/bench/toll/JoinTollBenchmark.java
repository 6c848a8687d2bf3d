package dev.ticketing.bench.toll;

import dev.ticketing.config.Secrets;
import dev.ticketing.queue.JoinToll;
import dev.ticketing.queue.QueueRules;
import dev.ticketing.settings.Settings;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the toll at the door costs: the server's check of one proof (one HMAC, one SHA-256), and a
 * JVM's hash rate when solving (what a script pays per place, on one core). Prints figures:
 *
 * <pre>
 *   java -cp functions/benchmarks/target/benchmarks-all.jar dev.ticketing.bench.toll.JoinTollBenchmark
 * </pre>
 */
public final class JoinTollBenchmark {
  private static final int PROOFS = 200;
  private static final int BITS = 12;
  private static final int ROUNDS = 500;

  private JoinTollBenchmark() {}

  public static void main(String[] args) throws Exception {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    Map<String, String> env = new HashMap<>();
    env.put("TOKEN_SIGNING_KEY", Base64.getEncoder().encodeToString(key));
    Settings settings = Settings.from(env);
    JoinToll toll = new JoinToll(Secrets.of(settings), null, new QueueRules(settings));
    Instant now = Instant.now();

    long hashes = 0;
    long solveStart = System.nanoTime();
    List<String[]> proofs = new ArrayList<>();
    for (int i = 0; i < PROOFS; i++) {
      String challenge = toll.challenge(1, now, BITS).challenge();
      long nonce = i * 1_000_000_000L;
      while (zeroBits(challenge + ":" + nonce) < BITS) {
        nonce++;
        hashes++;
      }
      hashes++;
      proofs.add(new String[] {challenge, Long.toString(nonce)});
    }
    double solveSeconds = (System.nanoTime() - solveStart) / 1e9;
    double rate = hashes / solveSeconds;

    for (int warm = 0; warm < 50; warm++) {
      verifyAll(toll, proofs, now);
    }
    long verifyStart = System.nanoTime();
    for (int round = 0; round < ROUNDS; round++) {
      verifyAll(toll, proofs, now);
    }
    double perVerifyUs = (System.nanoTime() - verifyStart) / 1e3 / ((double) ROUNDS * PROOFS);

    System.out.printf(
        Locale.ROOT,
        "verify: %.2f us per proof (one HMAC-SHA256 + one SHA-256, %d proofs x %d rounds)%n",
        perVerifyUs,
        PROOFS,
        ROUNDS);
    System.out.printf(
        Locale.ROOT,
        "solve (JVM, one core): %,.0f hashes/s -> 18 bits (262,144 hashes expected) %.2f s a"
            + " place; 10,000 places %.1f core-hours at 18 bits, %.1f at 20 bits%n",
        rate,
        262_144 / rate,
        10_000.0 * 262_144 / rate / 3600,
        10_000.0 * 1_048_576 / rate / 3600);
  }

  private static void verifyAll(JoinToll toll, List<String[]> proofs, Instant now) {
    for (String[] p : proofs) {
      toll.verify(1, p[0], p[1], now);
    }
  }

  private static int zeroBits(String input) throws Exception {
    byte[] hash =
        MessageDigest.getInstance("SHA-256").digest(input.getBytes(StandardCharsets.US_ASCII));
    return JoinToll.leadingZeroBits(hash);
  }
}
