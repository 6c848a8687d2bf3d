package dev.ticketing.bench.hotpath;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reservations alone, uncontended: admitted buyer {@code i} reserves free seat {@code i} (a seat
 * nobody else asks for), {@code inFlight} at a time, so every answer is a 201 and the gateway's CPU
 * over the window is the reservation route's (goal 1: ≤ 400 µs).
 */
final class Reserving {
  private static final Pattern FREE_SEAT =
      Pattern.compile("\"id\":(\\d+)[^}]*\"status\":\"AVAILABLE\"");

  private Reserving() {}

  /** The free seats of the map read with {@code session}. */
  static List<Long> freeSeats(Driver driver, String seatsPath, String session) {
    Driver.Answer map =
        driver.send(driver.request(seatsPath).header("Authorization", "Bearer " + session)).join();
    List<Long> free = new ArrayList<>();
    Matcher m = FREE_SEAT.matcher(map.body());
    while (m.find()) {
      free.add(Long.parseLong(m.group(1)));
    }
    return free;
  }

  /** Buyer {@code i} of {@code sessions} reserves {@code seats.get(i)}; one result over them. */
  static Load.Result run(
      String name,
      Driver driver,
      GatewayProcess gateway,
      long performanceId,
      List<String> sessions,
      List<Long> seats,
      int inFlight)
      throws InterruptedException {
    Load.Result result = new Load.Result(name);
    Semaphore lanes = new Semaphore(inFlight);
    List<CompletableFuture<Void>> sent = new ArrayList<>();
    int count = Math.min(sessions.size(), seats.size());
    long cpu = gateway.cpuNanos();
    Map<String, Long> threads = gateway.cpuNanosByThreads();
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      lanes.acquire();
      Call post =
          driver
              .request("/api/performances/" + performanceId + "/reservations")
              .header("Authorization", "Bearer " + sessions.get(i))
              .header("Content-Type", "application/json")
              .post("{\"seatIds\":[" + seats.get(i) + "]}");
      sent.add(
          driver.send(post).whenComplete((a, e) -> lanes.release()).thenAccept(result::record));
    }
    CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
    result.seconds = (System.nanoTime() - start) / 1e9;
    result.cpuNanos = gateway.cpuNanos() - cpu;
    Map<String, Long> after = gateway.cpuNanosByThreads();
    StringBuilder split = new StringBuilder(name + ": gateway CPU per request by threads:");
    after.forEach(
        (kind, nanos) ->
            split.append(
                String.format(
                    Locale.ROOT,
                    " %s %.1f µs",
                    kind,
                    (nanos - threads.getOrDefault(kind, 0L)) / 1e3 / Math.max(1, count))));
    System.out.println(split);
    return result;
  }
}
