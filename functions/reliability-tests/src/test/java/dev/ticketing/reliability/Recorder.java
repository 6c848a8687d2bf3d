package dev.ticketing.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Every answer the clients of one scenario got, and every request that got none. */
final class Recorder {
  /** One request: what it got (status, or -1 for no answer), when, how long it took. */
  record Entry(String route, int status, String error, String retryAfter, long millis) {}

  private final List<Entry> entries = new ArrayList<>();

  synchronized void answered(String route, Api.Answer answer, long millis) {
    entries.add(new Entry(route, answer.status(), answer.error(), answer.retryAfter(), millis));
  }

  synchronized void failed(String route, Exception e, long millis) {
    entries.add(new Entry(route, -1, e.getClass().getSimpleName(), null, millis));
  }

  synchronized List<Entry> entries() {
    return List.copyOf(entries);
  }

  /** Answers with a status of 500 or more other than a 503 carrying Retry-After. */
  synchronized List<Entry> serverErrors() {
    return entries.stream()
        .filter(e -> e.status() >= 500 && !(e.status() == 503 && e.retryAfter() != null))
        .toList();
  }

  synchronized long count(int status) {
    return entries.stream().filter(e -> e.status() == status).count();
  }

  synchronized long count(String route, int status) {
    return entries.stream().filter(e -> e.route().equals(route) && e.status() == status).count();
  }

  /**
   * What the clients saw: "reservations: 201 ×24, 409 ×10, 503 ×2; all routes: 1,203 requests, 503
   * ×40, no answer ×3; slowest answer 8.1 s".
   */
  synchronized String summary() {
    List<Entry> reservations =
        entries.stream().filter(e -> e.route().equals("POST /reservations")).toList();
    long unavailable = entries.stream().filter(e -> e.status() == 503).count();
    long unanswered = entries.stream().filter(e -> e.status() < 0).count();
    long slowest =
        entries.stream().filter(e -> e.status() > 0).mapToLong(Entry::millis).max().orElse(0);
    return "reservations: "
        + byStatus(reservations)
        + "; all routes: "
        + entries.size()
        + " requests, 503 ×"
        + unavailable
        + (unanswered > 0 ? ", no answer ×" + unanswered : "")
        + ", other 5xx ×"
        + entries.stream().filter(e -> e.status() >= 500 && e.status() != 503).count()
        + "; slowest answer "
        + String.format("%.1f s", slowest / 1000.0);
  }

  private static String byStatus(List<Entry> entries) {
    Map<Integer, Integer> byStatus = new TreeMap<>();
    entries.forEach(e -> byStatus.merge(e.status(), 1, Integer::sum));
    List<String> parts = new ArrayList<>();
    byStatus.forEach(
        (status, n) -> parts.add((status < 0 ? "no answer" : Integer.toString(status)) + " ×" + n));
    return String.join(", ", parts);
  }
}
