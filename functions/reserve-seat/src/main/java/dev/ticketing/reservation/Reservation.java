package dev.ticketing.reservation;

import dev.ticketing.seats.SeatInfo;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** A committed reservation, as the 201 shows it. */
@Serdeable
public record Reservation(
    String reservationId,
    long performanceId,
    List<SeatInfo> seats,
    BigDecimal total,
    Instant reservedAt) {}
