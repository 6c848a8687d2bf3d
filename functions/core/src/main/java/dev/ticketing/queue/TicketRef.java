package dev.ticketing.queue;

/** One ticket of one performance's queue, with the secret id its holder proves it by. */
public record TicketRef(long performanceId, long number, String ticketId) {}
