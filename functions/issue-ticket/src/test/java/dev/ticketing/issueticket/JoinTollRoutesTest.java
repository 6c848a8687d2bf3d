package dev.ticketing.issueticket;

import static dev.ticketing.testing.ApiResponses.assertError;
import static dev.ticketing.testing.ApiResponses.body;
import static dev.ticketing.testing.ApiResponses.number;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.ticketing.catalog.Performance;
import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.operations.SaleOperations;
import dev.ticketing.queue.JoinToll;
import dev.ticketing.queue.QueueDump;
import dev.ticketing.testing.ApiEvents;
import dev.ticketing.testing.ManualClock;
import dev.ticketing.testing.TestPerformances;
import io.micronaut.context.ApplicationContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The toll at the door through the issue-ticket handler, on real stores: a proof of work of 8 bits
 * (cheap for a test; the difficulty is the same code at any size), no per-address join limit.
 */
class JoinTollRoutesTest {
  private static final int BITS = 8;
  private static ApplicationContext ctx;
  private static IssueTicketFunction function;
  private static ManualClock clock;

  @BeforeAll
  static void start() {
    ctx =
        ManualClock.context(
            FunctionEnvironments.ISSUE_TICKET,
            Map.of(
                "JOIN_PROOF_DIFFICULTY", Integer.toString(BITS),
                "JOIN_LIMIT_PER_ADDRESS", "0",
                "POLL_AFTER_MIN_SECONDS", "5",
                "POLL_AFTER_MAX_SECONDS", "5"));
    function = new IssueTicketFunction(ctx);
    clock = ManualClock.of(ctx);
  }

  @AfterAll
  static void stop() {
    function.close();
  }

  @Test
  void aJoinWithoutAProofIs428WithTheDifficultyAndIssuesNothing() {
    Performance p = performance();
    Map<String, String> before = QueueDump.of(ctx, p.id());

    APIGatewayProxyResponseEvent refused = join(p, null);

    assertError(428, "proof_required", refused);
    assertEquals(BITS, number(body(refused), "difficulty"));
    assertEquals(before, QueueDump.of(ctx, p.id()), "no ticket issued");
  }

  @Test
  void aSolvedChallengeBuysOnePlaceAndItsReplayIsRefused() {
    Performance p = performance();
    Map<String, Object> challenge = challenge(p);
    assertEquals(BITS, number(challenge, "difficulty"));
    String proof = solve((String) challenge.get("challenge"), BITS);

    APIGatewayProxyResponseEvent joined = join(p, proof);
    assertEquals(201, joined.getStatusCode(), joined.getBody());
    assertEquals(1, number(body(joined), "position"));

    assertError(409, "proof_used", join(p, proof));
    String another = solve((String) challenge.get("challenge"), BITS, nonceOf(proof) + 1);
    assertEquals(201, join(p, another).getStatusCode(), "another nonce is another proof");
  }

  @Test
  void aStaleForgedOrUnsolvedProofIsRefusedAndIssuesNothing() {
    Performance p = performance();
    String challenge = (String) challenge(p).get("challenge");
    String proof = solve(challenge, BITS);
    Map<String, String> before = QueueDump.of(ctx, p.id());

    String[] parts = challenge.split("\\.");
    String easier = parts[0] + "." + parts[1] + ".0." + parts[3];
    assertError(400, "invalid_proof", join(p, proofBody(easier, "1")));
    assertError(
        400, "invalid_proof", join(p, proofBody(challenge, Long.toString(unsolved(challenge)))));
    assertError(400, "invalid_proof", join(p, proofBody(challenge, "x1")));
    assertError(400, "invalid_proof", join(p, "{\"challenge\": \"" + challenge + "\"}"));
    Performance other = performance();
    assertError(400, "invalid_proof", join(other, proof));
    clock.advance(Duration.ofMinutes(2));
    assertError(400, "invalid_proof", join(p, proof));
    assertEquals(before, QueueDump.of(ctx, p.id()), "nothing issued");
  }

  @Test
  void aRejoinWithTheTokenOfALiveTicketNeverPaysTheToll() {
    Performance p = performance();
    Map<String, Object> joined = body(join(p, solve((String) challenge(p).get("challenge"), BITS)));
    clock.advance(Duration.ofSeconds(5));

    APIGatewayProxyResponseEvent again =
        call(
            ApiEvents.post("/api/performances/" + p.id() + "/queue")
                .bearer((String) joined.get("queueToken")));

    assertEquals(200, again.getStatusCode(), again.getBody());
    assertEquals(number(joined, "ticketNumber"), number(body(again), "ticketNumber"));
  }

  @Test
  void theOperatorRaisesTheTollLiveAndAnOldProofNoLongerPays() {
    Performance p = performance();
    String cheap = solve((String) challenge(p).get("challenge"), BITS);

    ctx.getBean(SaleOperations.class).setToll(p.id(), "ana", BITS + 4, clock.instant());

    APIGatewayProxyResponseEvent refused = join(p, cheap);
    assertError(428, "proof_required", refused);
    assertEquals(BITS + 4, number(body(refused), "difficulty"));
    Map<String, Object> dearer = challenge(p);
    assertEquals(BITS + 4, number(dearer, "difficulty"));
    assertEquals(201, join(p, solve((String) dearer.get("challenge"), BITS + 4)).getStatusCode());
    ctx.getBean(SaleOperations.class).setToll(p.id(), "ana", 0, clock.instant());
    assertEquals(201, join(p, null).getStatusCode(), "0 bits: no toll");
  }

  private static Performance performance() {
    return TestPerformances.create(
        ctx, 1, 1, clock.instant().minusSeconds(1), clock.instant().plus(Duration.ofDays(1)));
  }

  private static Map<String, Object> challenge(Performance p) {
    APIGatewayProxyResponseEvent r =
        call(ApiEvents.get("/api/performances/" + p.id() + "/queue/challenge"));
    assertEquals(200, r.getStatusCode(), r.getBody());
    return body(r);
  }

  /** The JSON body of a join that pays with the first nonce from {@code from} that solves it. */
  private static String solve(String challenge, int bits, long from) {
    for (long nonce = from; ; nonce++) {
      if (zeroBits(challenge + ":" + nonce) >= bits) {
        return proofBody(challenge, Long.toString(nonce));
      }
    }
  }

  private static String solve(String challenge, int bits) {
    return solve(challenge, bits, 0);
  }

  private static long unsolved(String challenge) {
    for (long nonce = 0; ; nonce++) {
      if (zeroBits(challenge + ":" + nonce) < BITS) {
        return nonce;
      }
    }
  }

  private static long nonceOf(String body) {
    return Long.parseLong(body.replaceAll(".*\"nonce\": \"(\\d+)\".*", "$1"));
  }

  private static String proofBody(String challenge, String nonce) {
    return "{\"challenge\": \"" + challenge + "\", \"nonce\": \"" + nonce + "\"}";
  }

  private static int zeroBits(String input) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(input.getBytes(StandardCharsets.US_ASCII));
      return JoinToll.leadingZeroBits(hash);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static APIGatewayProxyResponseEvent join(Performance p, String proofBody) {
    ApiEvents request = ApiEvents.post("/api/performances/" + p.id() + "/queue");
    if (proofBody != null) {
      request.json(proofBody);
    }
    return call(request);
  }

  private static APIGatewayProxyResponseEvent call(ApiEvents request) {
    return function.handleRequest(request.build(), null);
  }
}
