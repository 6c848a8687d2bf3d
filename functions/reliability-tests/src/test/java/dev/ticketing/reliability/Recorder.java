package dev.ticketing.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Every answer the clients of one scenario got, and every request that got none. */
final class Recorder {
  /** One request: what it got (status, or -1 for no answer), when. */
  record Entry(String route, int status, String error, String retryAfter, long atNanos) {}

  private final List<Entry> entries = new ArrayList<>();

  synchronized void answered(String route, Api.Answer answer) {
    entries.add(
        new Entry(route, answer.status(), answer.error(), answer.retryAfter(), System.nanoTime()));
  }

  synchronized void failed(String route, Exception e) {
    entries.add(new Entry(route, -1, e.getClass().getSimpleName(), null, System.nanoTime()));
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

  /** "201 ×12, 503 ×40, no answer ×3": what the clients saw. */
  synchronized String summary() {
    Map<Integer, Integer> byStatus = new TreeMap<>();
    entries.forEach(e -> byStatus.merge(e.status(), 1, Integer::sum));
    List<String> parts = new ArrayList<>();
    byStatus.forEach(
        (status, n) -> parts.add((status < 0 ? "no answer" : Integer.toString(status)) + " ×" + n));
    return String.join(", ", parts);
  }
}
