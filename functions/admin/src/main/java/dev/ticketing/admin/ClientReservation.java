package dev.ticketing.admin;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * A 201 a client saw: one line of a load test's {@code reservations.jsonl} (other fields of the
 * line are ignored).
 */
@Serdeable
public record ClientReservation(String reservationId, List<Long> seatIds) {}
