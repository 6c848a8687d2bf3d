package dev.ticketing.seats;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The seats of one performance in id order, and by id. */
public record SeatLayout(List<SeatInfo> seats, Map<Long, SeatInfo> byId) {

  public static SeatLayout of(List<SeatInfo> seats) {
    Map<Long, SeatInfo> byId = new HashMap<>(seats.size() * 2);
    seats.forEach(s -> byId.put(s.id(), s));
    return new SeatLayout(List.copyOf(seats), Map.copyOf(byId));
  }
}
