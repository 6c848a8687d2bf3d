package dev.ticketing.issueticket;

import dev.ticketing.queue.QueueStatus;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * A ticket of the waiting room: the queue token that identifies it, its number and where it stands.
 * {@code position} is absent before the sale opens (then {@code saleOpensAt} says when) and once
 * the ticket is called ({@code ADMITTED}: the next poll returns the access token). {@code
 * pollAfterSeconds}: when to poll (a poll before is answered 429). While waiting, {@code
 * retentionSeconds} says how long beyond that the place is kept without a poll, and after the
 * opening {@code orderKey} and {@code calls} let the public queue state show progress.
 */
@Serdeable
public record TicketResponse(
    String queueToken,
    long ticketNumber,
    QueueStatus status,
    Long position,
    Long estimatedWaitSeconds,
    Instant saleOpensAt,
    Long retentionSeconds,
    int pollAfterSeconds,
    Long orderKey,
    Long calls) {}
