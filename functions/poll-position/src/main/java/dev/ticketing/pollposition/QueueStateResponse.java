package dev.ticketing.pollposition;

import dev.ticketing.queue.SaleState;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * The public state of a queue: the sale's state, how far the queue has called ({@code nowServing}:
 * the largest order key called so far, absent before the first call; {@code calls}: the calls made
 * so far), the measured admissions per minute (absent until measured), the tickets waiting, and
 * when this was computed. A holder compares it with the {@code orderKey} and {@code calls} of its
 * last poll.
 */
@Serdeable
public record QueueStateResponse(
    long performanceId,
    SaleState sale,
    Instant saleOpensAt,
    Long nowServing,
    long calls,
    Double admittedPerMinute,
    long waiting,
    Instant computedAt) {}
