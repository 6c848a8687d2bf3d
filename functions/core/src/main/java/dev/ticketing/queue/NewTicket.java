package dev.ticketing.queue;

import java.util.OptionalLong;

/** A ticket just handed out: its position is empty before the sale opens. */
public record NewTicket(TicketRef ref, OptionalLong position) {}
