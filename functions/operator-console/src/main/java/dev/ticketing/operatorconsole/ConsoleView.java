package dev.ticketing.operatorconsole;

import dev.ticketing.figures.MinuteFigures;
import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.queue.JoinToll;
import dev.ticketing.queue.QueueControl;
import dev.ticketing.queue.QueueState;
import dev.ticketing.queue.SaleState;
import dev.ticketing.queue.SaleWindow;
import dev.ticketing.queue.SaleWindows;
import dev.ticketing.queue.SeatInventory;
import dev.ticketing.queue.SeatStock;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;

/**
 * Reads one performance's console: the sale's state (MySQL's window, uncached, and the queue's
 * pause and sold-out marks), the queue (Redis), the seats (MySQL) and the figures per minute
 * (Redis, written where things happen: {@code dev.ticketing.figures}).
 */
@Singleton
@Requires(env = FunctionEnvironments.OPERATOR_CONSOLE)
public class ConsoleView {
  private final SaleWindows sales;
  private final QueueControl queue;
  private final SeatInventory inventory;
  private final SeatCountRepository seats;
  private final MinuteFigures figures;
  private final JoinToll toll;

  public ConsoleView(
      SaleWindows sales,
      QueueControl queue,
      SeatInventory inventory,
      SeatCountRepository seats,
      MinuteFigures figures,
      JoinToll toll) {
    this.sales = sales;
    this.queue = queue;
    this.inventory = inventory;
    this.seats = seats;
    this.figures = figures;
    this.toll = toll;
  }

  public ConsoleState read(long performanceId, Instant now) {
    SaleWindow sale = sales.requireFresh(performanceId);
    QueueState q = queue.state(performanceId, now);
    SeatStock stock = inventory.count(performanceId);
    List<MinuteFigures.Minute> series = figures.series(performanceId, now);
    return new ConsoleState(
        performanceId,
        saleState(sale, now, q),
        q.capacity(),
        q.waiting(),
        q.called(),
        q.active(),
        new ConsoleState.Seats(stock.available(), stock.held(), seats.countSold(performanceId)),
        lastMinute(series, now),
        series,
        toll.difficulty(performanceId),
        now);
  }

  /** The sale's state as the console names it: {@code NOT_OPEN} before the opening. */
  static String saleState(SaleWindow sale, Instant now, QueueState q) {
    SaleState state = SaleState.of(sale, now, q.paused(), q.soldOut());
    return state == SaleState.BEFORE_OPENING ? "NOT_OPEN" : state.name();
  }

  static ConsoleState.LastMinute lastMinute(List<MinuteFigures.Minute> series, Instant now) {
    MinuteFigures.Minute current = series.get(series.size() - 1);
    MinuteFigures.Minute previous = series.get(series.size() - 2);
    // The part of the previous minute still inside the last 60 seconds.
    double weight = 1 - (now.getEpochSecond() % 60 + now.getNano() / 1e9) / 60.0;
    long admissions = sum(current.admissions(), previous.admissions(), weight);
    long reservations = sum(current.reservations(), previous.reservations(), weight);
    long conflicts = sum(current.conflicts(), previous.conflicts(), weight);
    long errors = sum(current.serverErrors(), previous.serverErrors(), weight);
    double share =
        reservations + conflicts == 0 ? 0 : (double) conflicts / (reservations + conflicts);
    return new ConsoleState.LastMinute(
        admissions, reservations, conflicts, Math.round(share * 1000) / 1000.0, errors);
  }

  private static long sum(long current, long previous, double weight) {
    return current + Math.round(previous * weight);
  }
}
