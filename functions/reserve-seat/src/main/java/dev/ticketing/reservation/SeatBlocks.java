package dev.ticketing.reservation;

import dev.ticketing.seats.SeatInfo;
import dev.ticketing.seats.SeatLayout;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The blocks best available can offer, best first, worked out from a performance's layout alone
 * (which never changes, so once per performance, count and grade). A block is N seats of one row
 * with consecutive numbers. Best (docs/seats.md, "Best available"):
 *
 * <ol>
 *   <li>the dearest grade first (a block's grade is its cheapest seat's; with a grade asked for,
 *       only blocks all of that grade);
 *   <li>then blocks on the row's grid of N (starting at the 1st, N+1st, ... seat of the row):
 *       blocks of the same size then tile the row, so a crowd asking for N leaves no free stretch
 *       too short for N (a pair in the middle of a row of 20 would leave two stretches of 9, each
 *       ending in a single seat); other blocks only when those are gone;
 *   <li>then nearest the row's centre line: the distance from the block's middle to the middle of
 *       its row's numbers;
 *   <li>then the front: zones and rows in layout order (the order of their first seat ids);
 *   <li>then the lower seat numbers (a stable order).
 * </ol>
 */
final class SeatBlocks {
  /** One block: its seat ids, and the two seats on each side (0 when the row ends before). */
  record Block(List<Long> seatIds, long left1, long left2, long right1, long right2) {}

  private SeatBlocks() {}

  static List<Block> of(SeatLayout layout, int count, String grade) {
    Map<String, List<SeatInfo>> rows = new LinkedHashMap<>();
    for (SeatInfo seat : layout.seats()) {
      rows.computeIfAbsent(seat.zone() + "\u0000" + seat.row(), k -> new ArrayList<>()).add(seat);
    }
    record Scored(
        Block block, int gradeRank, int offGrid, double offCentre, int rowOrder, int firstNumber) {}
    List<String> gradesByPrice = gradesByPrice(layout);
    List<Scored> scored = new ArrayList<>();
    int rowOrder = 0;
    for (List<SeatInfo> row : rows.values()) {
      row.sort(Comparator.comparingInt(SeatInfo::number));
      double centre = (row.get(0).number() + row.get(row.size() - 1).number()) / 2.0;
      for (int i = 0; i + count <= row.size(); i++) {
        List<SeatInfo> seats = row.subList(i, i + count);
        if (seats.get(count - 1).number() - seats.get(0).number() != count - 1) {
          continue;
        }
        if (grade != null && seats.stream().anyMatch(s -> !s.grade().equals(grade))) {
          continue;
        }
        int rank =
            seats.stream().mapToInt(s -> gradesByPrice.indexOf(s.grade())).max().orElseThrow();
        double middle = (seats.get(0).number() + seats.get(count - 1).number()) / 2.0;
        Block block =
            new Block(
                seats.stream().map(SeatInfo::id).toList(),
                neighbour(row, i - 1),
                neighbour(row, i - 2),
                neighbour(row, i + count),
                neighbour(row, i + count + 1));
        scored.add(
            new Scored(
                block,
                rank,
                i % count == 0 ? 0 : 1,
                Math.abs(middle - centre),
                rowOrder,
                seats.get(0).number()));
      }
      rowOrder++;
    }
    scored.sort(
        Comparator.comparingInt(Scored::gradeRank)
            .thenComparingInt(Scored::offGrid)
            .thenComparingDouble(Scored::offCentre)
            .thenComparingInt(Scored::rowOrder)
            .thenComparingInt(Scored::firstNumber));
    return scored.stream().map(Scored::block).toList();
  }

  /** Grade names, dearest first. */
  private static List<String> gradesByPrice(SeatLayout layout) {
    Map<String, SeatInfo> anySeat = new LinkedHashMap<>();
    layout.seats().forEach(s -> anySeat.putIfAbsent(s.grade(), s));
    return anySeat.values().stream()
        .sorted(Comparator.comparing(SeatInfo::price).reversed())
        .map(SeatInfo::grade)
        .toList();
  }

  /** The seat at {@code index} of the row (in number order), else 0. */
  private static long neighbour(List<SeatInfo> row, int index) {
    return index >= 0 && index < row.size() ? row.get(index).id() : 0;
  }
}
