package dev.ticketing.operations;

import dev.ticketing.error.ApiException;
import dev.ticketing.error.ErrorCode;
import dev.ticketing.queue.JoinToll;
import dev.ticketing.queue.QueueControl;
import dev.ticketing.queue.QueueState;
import dev.ticketing.queue.SaleClosing;
import dev.ticketing.queue.SalePause;
import dev.ticketing.queue.SaleWindow;
import dev.ticketing.queue.SaleWindows;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The operator's levers on a sale (pause, resume, capacity, the join toll, closing it), each
 * written to the audit log with who, what, when, and the state before and after. The one way the
 * admin command and the operator console act on a sale.
 */
@Singleton
public class SaleOperations {
  /** The longest operator name the audit log keeps. */
  public static final int MAX_OPERATOR_LENGTH = 200;

  private final SaleWindows sales;
  private final SalePause pause;
  private final QueueControl control;
  private final OperatorActionRepository log;
  private final JoinToll toll;
  private final SaleClosing closing;

  public SaleOperations(
      SaleWindows sales,
      SalePause pause,
      QueueControl control,
      OperatorActionRepository log,
      JoinToll toll,
      SaleClosing closing) {
    this.toll = toll;
    this.closing = closing;
    this.sales = sales;
    this.pause = pause;
    this.control = control;
    this.log = log;
  }

  public OperatorAction pause(long performanceId, String operator, Instant now) {
    String who = operator(operator);
    SaleWindow sale = sales.require(performanceId, now);
    boolean paused = pause.pause(sale, now);
    return record(performanceId, who, "pause", paused ? "running" : "paused", "paused", now);
  }

  public OperatorAction resume(long performanceId, String operator, Instant now) {
    String who = operator(operator);
    sales.require(performanceId, now);
    Optional<Duration> length = pause.resume(performanceId, now);
    String after =
        length.map(d -> "running (after a pause of " + d.toSeconds() + " s)").orElse("running");
    return record(
        performanceId, who, "resume", length.isPresent() ? "paused" : "running", after, now);
  }

  /**
   * Closes the sale for good ({@link SaleClosing}): nobody is admitted any more, polls answer that
   * the sale has ended, reservations are refused. Closing a closed sale changes nothing.
   */
  public OperatorAction close(long performanceId, String operator, Instant now) {
    String who = operator(operator);
    SaleWindow sale = sales.requireFresh(performanceId);
    String before =
        sale.endedAt(now) ? "closed" : pause.paused(performanceId) ? "paused" : "running";
    closing.close(sale, now);
    return record(performanceId, who, "close", before, "closed", now);
  }

  public OperatorAction setCapacity(
      long performanceId, String operator, int capacity, Instant now) {
    String who = operator(operator);
    if (capacity < 1 || capacity > QueueControl.MAX_CAPACITY) {
      throw ApiException.badRequest(
          ErrorCode.BAD_REQUEST, "capacity must be between 1 and " + QueueControl.MAX_CAPACITY);
    }
    SaleWindow sale = sales.require(performanceId, now);
    QueueState state = control.state(performanceId, now);
    // Without an operator's capacity the queue runs with the advancer's QUEUE_CAPACITY, which this
    // process cannot know for sure (its own environment may differ).
    String before =
        state.capacityOverridden() ? "capacity " + state.capacity() : "capacity QUEUE_CAPACITY";
    control.setCapacity(sale, capacity);
    return record(performanceId, who, "set-capacity", before, "capacity " + capacity, now);
  }

  /**
   * Sets the join toll's difficulty of a performance live (zero bits: no toll), for the next
   * challenge and the next join.
   */
  public OperatorAction setToll(long performanceId, String operator, int bits, Instant now) {
    String who = operator(operator);
    if (bits < 0 || bits > JoinToll.MAX_DIFFICULTY) {
      throw ApiException.badRequest(
          ErrorCode.BAD_REQUEST, "the toll is 0 to " + JoinToll.MAX_DIFFICULTY + " bits");
    }
    SaleWindow sale = sales.require(performanceId, now);
    int before = toll.difficulty(performanceId);
    toll.setDifficulty(sale, bits);
    return record(
        performanceId, who, "set-toll", "toll " + before + " bits", "toll " + bits + " bits", now);
  }

  /** The latest entries of a performance's audit log, newest first. */
  public List<OperatorAction> latest(long performanceId, int limit) {
    return log.findLatest(performanceId, limit);
  }

  private OperatorAction record(
      long performanceId,
      String operator,
      String action,
      String before,
      String after,
      Instant now) {
    return log.save(new OperatorAction(null, performanceId, operator, action, before, after, now));
  }

  private static String operator(String operator) {
    if (operator == null || operator.isBlank() || operator.length() > MAX_OPERATOR_LENGTH) {
      throw ApiException.badRequest(
          ErrorCode.BAD_REQUEST,
          "name the operator (1 to "
              + MAX_OPERATOR_LENGTH
              + " characters): the audit log says who");
    }
    return operator.strip();
  }
}
