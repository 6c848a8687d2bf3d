package dev.ticketing.reliability;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * One buyer as the SPA behaves: joins the queue, polls until admitted, reads the map, picks one or
 * two free seats after a moment's thought, reserves. A 409 picks again; a 403 session_ended joins
 * again; a 503 waits Retry-After and sends the same request again; a request that got no answer is
 * sent again unchanged, as the documented retry (same token, same seats).
 */
final class Buyer implements Callable<Buyer.Outcome> {
  private static final JsonMapper JSON = JsonMapper.createDefault();

  enum Kind {
    RESERVED,
    SOLD_OUT,
    SALE_ENDED,
    GAVE_UP
  }

  /**
   * How it ended: for RESERVED, the session, reservation and seats, the status that told it (201,
   * or 200 for the session's existing reservation), whether a request for them had gone unanswered
   * first and the answer to its confirmation (200, or 410 if the hold was gone); and answers no
   * buyer should get.
   */
  record Outcome(
      Kind kind,
      String sessionId,
      String accessToken,
      String reservationId,
      List<Long> seats,
      int status,
      boolean unansweredFirst,
      int confirmStatus,
      List<String> unexpected) {}

  private final Api api;
  private final long performanceId;
  private final Random random;
  private final long deadline;
  private final List<String> unexpected = new ArrayList<>();

  /** Set by {@link #reserve} when the session has ended: the buyer joins the queue again. */
  private boolean sessionEnded;

  private boolean soldOut;

  Buyer(Api api, long performanceId, long seed, long deadlineNanos) {
    this.api = api;
    this.performanceId = performanceId;
    this.random = new Random(seed);
    this.deadline = deadlineNanos;
  }

  @Override
  public Outcome call() throws InterruptedException {
    String queueToken = null;
    String accessToken = null;
    while (System.nanoTime() < deadline) {
      try {
        if (accessToken == null) {
          Api.Answer joined = api.joinQueue(performanceId, queueToken);
          if (joined.status() == 201 || joined.status() == 200) {
            queueToken = (String) joined.body().get("queueToken");
            accessToken = awaitAdmission(queueToken);
            if (soldOut) {
              return ended(Kind.SOLD_OUT); // the queue said so: nothing left to wait for
            }
          } else if (joined.status() == 410) {
            return ended(Kind.SALE_ENDED);
          } else if (!expectOutage(joined)) {
            return ended(Kind.GAVE_UP);
          }
          continue;
        }
        Api.Answer map = api.seats(performanceId, accessToken);
        if (map.status() == 403 || map.status() == 401) {
          accessToken = null;
          continue;
        }
        if (map.status() != 200) {
          if (!expectOutage(map)) {
            return ended(Kind.GAVE_UP);
          }
          continue;
        }
        List<Long> free = available(map.body());
        if (free.isEmpty()) {
          return ended(Kind.SOLD_OUT);
        }
        Collections.shuffle(free, random);
        List<Long> pick = free.subList(0, Math.min(free.size(), 1 + random.nextInt(2)));
        Thread.sleep(200 + random.nextInt(1300));
        Outcome outcome = reserve(accessToken, List.copyOf(pick));
        if (outcome != null) {
          return outcome;
        }
        if (sessionEnded) {
          accessToken = null;
          sessionEnded = false;
        }
      } catch (IOException noAnswer) {
        Thread.sleep(500);
      }
    }
    return ended(Kind.GAVE_UP);
  }

  /** The same request until it is decided; null when it lost (409) or the session ended. */
  private Outcome reserve(String accessToken, List<Long> seats) throws InterruptedException {
    boolean unanswered = false;
    while (System.nanoTime() < deadline) {
      Api.Answer answer;
      try {
        answer = api.reserve(performanceId, accessToken, seats);
      } catch (IOException e) {
        unanswered = true;
        Thread.sleep(500);
        continue;
      }
      switch (answer.status()) {
        case 201, 200 -> {
          String reservationId = (String) answer.body().get("reservationId");
          int confirmed = confirm(reservationId, (String) answer.body().get("holdToken"));
          return new Outcome(
              Kind.RESERVED,
              sessionOf(accessToken),
              accessToken,
              reservationId,
              seatIdsOf(answer.body()),
              answer.status(),
              unanswered,
              confirmed,
              List.copyOf(unexpected));
        }
        case 409 -> {
          Thread.sleep(300 + random.nextInt(500));
          return null;
        }
        case 403, 401 -> {
          sessionEnded = true;
          return null;
        }
        case 410 -> {
          return ended(Kind.SALE_ENDED);
        }
        default -> {
          if (!expectOutage(answer)) {
            return ended(Kind.GAVE_UP);
          }
        }
      }
    }
    return ended(Kind.GAVE_UP);
  }

  /**
   * Checkout: the hold is confirmed with the buyer's details, sent again unchanged after a 503 or
   * no answer (confirm is idempotent); the final status (200, or 410 for a hold that was gone).
   */
  private int confirm(String reservationId, String holdToken) throws InterruptedException {
    while (System.nanoTime() < deadline) {
      Api.Answer answer;
      try {
        answer = api.confirm(performanceId, reservationId, holdToken);
      } catch (IOException e) {
        Thread.sleep(500);
        continue;
      }
      if (answer.status() == 200 || answer.status() == 410) {
        return answer.status();
      }
      if (!expectOutage(answer)) {
        return answer.status();
      }
    }
    return 0;
  }

  private String awaitAdmission(String queueToken) throws IOException, InterruptedException {
    while (System.nanoTime() < deadline) {
      Api.Answer poll = api.poll(performanceId, queueToken);
      if (poll.status() == 200 && "ADMITTED".equals(poll.body().get("status"))) {
        return (String) poll.body().get("accessToken");
      }
      if (poll.status() == 410) {
        return null;
      }
      if (poll.status() == 200 && "SOLD_OUT".equals(poll.body().get("status"))) {
        soldOut = true;
        return null;
      }
      if (poll.status() != 200) {
        if (!expectOutage(poll)) {
          return null;
        }
      } else {
        Thread.sleep(pollAfterMillis(poll));
      }
    }
    return null;
  }

  /** When the answer says to poll again, as the SPA follows it. */
  private static long pollAfterMillis(Api.Answer poll) {
    Object seconds = poll.body().get("pollAfterSeconds");
    return seconds instanceof Number n ? n.longValue() * 1000 : 1000;
  }

  /**
   * A 503 with Retry-After is waited out (true: send it again); anything else is recorded as
   * unexpected (false).
   */
  private boolean expectOutage(Api.Answer answer) throws InterruptedException {
    if (answer.status() == 503 && answer.retryAfter() != null) {
      Thread.sleep(Long.parseLong(answer.retryAfter()) * 1000);
      return true;
    }
    unexpected.add(answer.status() + " " + answer.body());
    Thread.sleep(500);
    return false;
  }

  private Outcome ended(Kind kind) {
    return new Outcome(kind, null, null, null, List.of(), 0, false, 0, List.copyOf(unexpected));
  }

  @SuppressWarnings("unchecked")
  private static List<Long> available(Map<String, Object> map) {
    List<Long> free = new ArrayList<>();
    for (Map<String, Object> seat : (List<Map<String, Object>>) map.get("seats")) {
      if ("AVAILABLE".equals(seat.get("status"))) {
        free.add(((Number) seat.get("id")).longValue());
      }
    }
    return free;
  }

  @SuppressWarnings("unchecked")
  static List<Long> seatIdsOf(Map<String, Object> reservation) {
    return ((List<Map<String, Object>>) reservation.get("seats"))
        .stream().map(s -> ((Number) s.get("id")).longValue()).sorted().toList();
  }

  /** The session id ({@code sid}) an access token names. */
  static String sessionOf(String accessToken) {
    String payload = accessToken.split("\\.")[1];
    try {
      Map<String, Object> claims =
          JSON.readValue(
              new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8),
              Argument.mapOf(String.class, Object.class));
      return (String) claims.get("sid");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static String describe(List<Long> seats) {
    return seats.stream().map(String::valueOf).collect(Collectors.joining(","));
  }
}
