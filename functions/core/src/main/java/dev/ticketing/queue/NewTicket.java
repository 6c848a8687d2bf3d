package dev.ticketing.queue;

import java.util.OptionalLong;

/**
 * A ticket just handed out: its position (empty before the sale opens), when to poll first, its
 * order key and the calls made so far (to read the public progress against).
 */
public record NewTicket(
    TicketRef ref, OptionalLong position, int pollAfterSeconds, long orderKey, long calls) {}
