package dev.ticketing.reservation;

import io.micronaut.serde.annotation.Serdeable;

/**
 * One seat's ticket: its signed code ({@link TicketCodes}, verifiable without a database) and the
 * same code as a QR code, an SVG image in a data URL.
 */
@Serdeable
public record Ticket(long seatId, String code, String qrCode) {}
