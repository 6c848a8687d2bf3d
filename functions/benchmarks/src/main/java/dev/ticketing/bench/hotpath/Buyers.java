package dev.ticketing.bench.hotpath;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Buyers through the real routes: tickets from issue-ticket, sessions by polling until admitted.
 */
final class Buyers {
  private static final Pattern QUEUE_TOKEN = Pattern.compile("\"queueToken\":\"([^\"]+)\"");
  private static final Pattern ACCESS_TOKEN = Pattern.compile("\"accessToken\":\"([^\"]+)\"");
  private static final int IN_FLIGHT = 64;

  private final Driver driver;

  Buyers(Driver driver) {
    this.driver = driver;
  }

  /** {@code count} queue tokens of performance {@code id}. */
  List<String> tickets(long id, int count) throws InterruptedException {
    Semaphore inFlight = new Semaphore(IN_FLIGHT);
    List<CompletableFuture<String>> tickets = new ArrayList<>();
    Call post = driver.request(queue(id)).post("");
    for (int i = 0; i < count; i++) {
      inFlight.acquire();
      tickets.add(
          driver
              .send(post)
              .whenComplete((a, e) -> inFlight.release())
              .thenApply(a -> group(QUEUE_TOKEN, a, 201)));
    }
    return tickets.stream().map(CompletableFuture::join).toList();
  }

  /**
   * The access token of every ticket: each polls at the cadence of 1 s (the benchmark's
   * POLL_AFTER_*) until the advancer has admitted it.
   */
  List<String> admit(long id, List<String> tickets) throws InterruptedException {
    Map<Integer, String> admitted = new ConcurrentHashMap<>();
    long deadline = System.nanoTime() + 300_000_000_000L;
    while (admitted.size() < tickets.size()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(admitted.size() + " admitted after 300 s");
      }
      long round = System.nanoTime();
      Semaphore inFlight = new Semaphore(IN_FLIGHT);
      List<CompletableFuture<?>> polls = new ArrayList<>();
      for (int i = 0; i < tickets.size(); i++) {
        if (admitted.containsKey(i)) {
          continue;
        }
        int buyer = i;
        inFlight.acquire();
        Call poll = driver.request(queue(id)).header("Authorization", "Bearer " + tickets.get(i));
        polls.add(
            driver
                .send(poll)
                .whenComplete((a, e) -> inFlight.release())
                .thenAccept(
                    a -> {
                      Matcher m = ACCESS_TOKEN.matcher(a.body());
                      if (a.status() == 200 && m.find()) {
                        admitted.put(buyer, m.group(1));
                      }
                    }));
      }
      CompletableFuture.allOf(polls.toArray(CompletableFuture[]::new)).join();
      long wait = 1_100 - (System.nanoTime() - round) / 1_000_000;
      if (wait > 0 && admitted.size() < tickets.size()) {
        Thread.sleep(wait);
      }
    }
    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < tickets.size(); i++) {
      tokens.add(admitted.get(i));
    }
    return tokens;
  }

  static String queue(long id) {
    return "/api/performances/" + id + "/queue";
  }

  private static String group(Pattern pattern, Driver.Answer answer, int status) {
    Matcher m = pattern.matcher(answer.body());
    if (answer.status() != status || !m.find()) {
      throw new IllegalStateException("answered " + answer.status() + ": " + answer.body());
    }
    return m.group(1);
  }
}
