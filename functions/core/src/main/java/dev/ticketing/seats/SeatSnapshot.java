package dev.ticketing.seats;

import java.util.List;

/**
 * The taken seats of a performance as MySQL holds them, with its count of seat changes ({@code
 * SUM(seats.version)}: every status change raises a seat's version by one), read in one statement.
 */
public record SeatSnapshot(long version, List<Long> reserved, List<Long> held) {}
