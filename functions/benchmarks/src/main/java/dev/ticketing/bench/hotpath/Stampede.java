package dev.ticketing.bench.hotpath;

import dev.ticketing.bench.poll.Latencies;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sell-out: every admitted buyer released at once reads the whole seat map and reserves 1-2
 * random free seats of it, reading the map again after a 409, until it wins once or the map shows
 * no free seat.
 */
final class Stampede {
  private static final Pattern FREE_SEAT =
      Pattern.compile("\"id\":(\\d+)[^}]*\"status\":\"AVAILABLE\"");

  private final Driver driver;
  private final long performanceId;

  final Latencies mapReads = new Latencies(1_000_000);
  final Latencies reservations = new Latencies(1_000_000);
  final Map<Integer, AtomicLong> reserveStatuses = new ConcurrentHashMap<>();
  final Map<Integer, AtomicLong> mapStatuses = new ConcurrentHashMap<>();
  final Map<Long, Integer> wonBy = new ConcurrentHashMap<>();
  final AtomicLong doubleWins = new AtomicLong();
  final AtomicLong lastWinNanos = new AtomicLong();
  long startNanos;
  double seconds;

  Stampede(Driver driver, long performanceId) {
    this.driver = driver;
    this.performanceId = performanceId;
  }

  void run(List<String> accessTokens) {
    List<CompletableFuture<Void>> buyers = new ArrayList<>();
    startNanos = System.nanoTime();
    for (int i = 0; i < accessTokens.size(); i++) {
      CompletableFuture<Void> done = new CompletableFuture<>();
      readMap(i, "Bearer " + accessTokens.get(i), done);
      buyers.add(done);
    }
    CompletableFuture.allOf(buyers.toArray(CompletableFuture[]::new)).join();
    seconds = (System.nanoTime() - startNanos) / 1e9;
  }

  private void readMap(int buyer, String authorization, CompletableFuture<Void> done) {
    Call read =
        driver
            .request("/api/performances/" + performanceId + "/seats")
            .header("Authorization", authorization);
    driver
        .send(read)
        .thenAccept(
            a -> {
              mapReads.record(a.nanos());
              count(mapStatuses, a.status());
              if (a.status() != 200) {
                done.complete(null);
                return;
              }
              List<Long> free = new ArrayList<>();
              Matcher m = FREE_SEAT.matcher(a.body());
              while (m.find()) {
                free.add(Long.parseLong(m.group(1)));
              }
              if (free.isEmpty()) {
                done.complete(null);
                return;
              }
              reserve(buyer, authorization, pick(free), done);
            })
        .exceptionally(
            e -> {
              done.completeExceptionally(e);
              return null;
            });
  }

  private static List<Long> pick(List<Long> free) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    int first = random.nextInt(free.size());
    List<Long> seats = new ArrayList<>(List.of(free.get(first)));
    if (free.size() > 1 && random.nextBoolean()) {
      int second = random.nextInt(free.size() - 1);
      seats.add(free.get(second >= first ? second + 1 : second));
    }
    return seats;
  }

  private void reserve(
      int buyer, String authorization, List<Long> seats, CompletableFuture<Void> done) {
    Call post =
        driver
            .request("/api/performances/" + performanceId + "/reservations")
            .header("Authorization", authorization)
            .header("Content-Type", "application/json")
            .post(("{\"seatIds\":" + seats + "}"));
    driver
        .send(post)
        .thenAccept(
            a -> {
              reservations.record(a.nanos());
              count(reserveStatuses, a.status());
              if (a.status() == 201) {
                for (long seat : seats) {
                  if (wonBy.putIfAbsent(seat, buyer) != null) {
                    doubleWins.incrementAndGet();
                  }
                }
                lastWinNanos.accumulateAndGet(System.nanoTime(), Math::max);
                done.complete(null);
              } else if (a.status() == 409 || a.status() >= 500 || a.status() < 0) {
                readMap(buyer, authorization, done);
              } else {
                done.complete(null);
              }
            })
        .exceptionally(
            e -> {
              done.completeExceptionally(e);
              return null;
            });
  }

  private static void count(Map<Integer, AtomicLong> statuses, int status) {
    statuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
  }

  double soldOutSeconds() {
    return (lastWinNanos.get() - startNanos) / 1e9;
  }

  Set<Long> wonSeats() {
    return wonBy.keySet();
  }

  long serverErrors() {
    return reserveStatuses.entrySet().stream()
            .filter(e -> e.getKey() >= 500 || e.getKey() < 0)
            .mapToLong(e -> e.getValue().get())
            .sum()
        + mapStatuses.entrySet().stream()
            .filter(e -> e.getKey() >= 500 || e.getKey() < 0)
            .mapToLong(e -> e.getValue().get())
            .sum();
  }

  String summary() {
    return String.format(
        Locale.ROOT,
        "sold %d seats to %d buyers; last seat sold after %.2f s (all buyers done after %.2f s)%n"
            + "  reservations: %d, %s, statuses %s%n"
            + "  map reads:    %d, %s, statuses %s%n"
            + "  5xx or lost: %d; seats won twice (client side): %d",
        wonBy.size(),
        wonBy.values().stream().distinct().count(),
        soldOutSeconds(),
        seconds,
        reservations.count(),
        reservations.summary(),
        new TreeMap<>(reserveStatuses),
        mapReads.count(),
        mapReads.summary(),
        new TreeMap<>(mapStatuses),
        serverErrors(),
        doubleWins.get());
  }
}
