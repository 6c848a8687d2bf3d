package dev.ticketing.bench.reservation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The contended workload: {@code buyers} threads released by one latch, each asking for 1-2 random
 * seats among those still free until the performance is sold out.
 */
final class Workload {
  static final int MAX_ERRORS = 50;

  private final int buyers;

  Workload(int buyers) {
    this.buyers = buyers;
  }

  RunResult run(String name, long performanceId, List<Long> seats, Attempt attempt)
      throws Exception {
    AvailableSeats available = new AvailableSeats(seats);
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    List<Long> won = Collections.synchronizedList(new ArrayList<>());
    AtomicLong reservations = new AtomicLong();
    AtomicLong conflicts = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(buyers);
    List<Future<?>> futures = new ArrayList<>();
    for (int b = 0; b < buyers; b++) {
      Random random = new Random(31L * b + name.hashCode());
      futures.add(
          pool.submit(
              () -> {
                start.await();
                for (List<Long> pick = available.pick(random);
                    !pick.isEmpty();
                    pick = available.pick(random)) {
                  long t0 = System.nanoTime();
                  Attempt.Result result;
                  try {
                    result = attempt.reserve(performanceId, pick);
                  } catch (RuntimeException e) {
                    latencies.add(System.nanoTime() - t0);
                    if (errors.incrementAndGet() > MAX_ERRORS) {
                      throw new IllegalStateException(name + " keeps failing", e);
                    }
                    continue;
                  }
                  latencies.add(System.nanoTime() - t0);
                  if (result.won()) {
                    reservations.incrementAndGet();
                    won.addAll(pick);
                    available.sold(pick);
                  } else {
                    conflicts.incrementAndGet();
                    available.sold(result.soldSeats());
                  }
                }
                return null;
              }));
    }
    long t0 = System.nanoTime();
    start.countDown();
    for (Future<?> f : futures) {
      f.get(10, TimeUnit.MINUTES);
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    pool.shutdown();
    Set<Long> distinct = new HashSet<>(won);
    return new RunResult(
        name,
        reservations.get(),
        conflicts.get(),
        errors.get(),
        distinct.size(),
        won.size() - distinct.size(),
        seconds,
        latencies.stream().mapToLong(Long::longValue).toArray());
  }
}
