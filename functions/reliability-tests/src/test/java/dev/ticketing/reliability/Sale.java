package dev.ticketing.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Buyers of one performance arriving a little apart, each on a thread of its own. */
final class Sale implements AutoCloseable {
  private final ExecutorService threads;
  private final List<Future<Buyer.Outcome>> buyers = new ArrayList<>();

  private Sale(int size) {
    threads = Executors.newFixedThreadPool(size);
  }

  static Sale start(Api api, long performanceId, int buyers, Duration within) {
    Sale sale = new Sale(buyers);
    long deadline = System.nanoTime() + within.toNanos();
    for (int i = 0; i < buyers; i++) {
      long arrival = 150L * i;
      Buyer buyer = new Buyer(api, performanceId, performanceId * 1000 + i, deadline);
      sale.buyers.add(
          sale.threads.submit(
              () -> {
                Thread.sleep(arrival);
                return buyer.call();
              }));
    }
    return sale;
  }

  /** Every buyer's outcome, once all have finished. */
  List<Buyer.Outcome> finish(Duration within)
      throws InterruptedException, ExecutionException, TimeoutException {
    long deadline = System.nanoTime() + within.toNanos();
    List<Buyer.Outcome> outcomes = new ArrayList<>();
    for (Future<Buyer.Outcome> buyer : buyers) {
      outcomes.add(buyer.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
    }
    return outcomes;
  }

  /** Buyers that stopped with an exception (a bug of the suite or an answer it cannot read). */
  List<String> crashed() {
    List<String> crashed = new ArrayList<>();
    for (Future<Buyer.Outcome> buyer : buyers) {
      if (buyer.isDone()) {
        try {
          buyer.get();
        } catch (ExecutionException e) {
          crashed.add(e.getCause().toString());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
    return crashed;
  }

  @Override
  public void close() {
    threads.shutdownNow();
  }
}
