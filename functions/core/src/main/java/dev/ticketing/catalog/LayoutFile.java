package dev.ticketing.catalog;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A performance and its seats as an operator writes them in a layout file (see
 * docs/layout-example.json). Rows are numbered from 1 within a zone; each row range names a grade.
 */
@Serdeable
public record LayoutFile(
    String name,
    String venue,
    Instant startsAt,
    @Nullable Instant saleOpensAt,
    @Nullable Instant saleClosesAt,
    List<Grade> grades,
    List<Zone> zones) {

  @Serdeable
  public record Grade(String name, BigDecimal price) {}

  @Serdeable
  public record Zone(String name, int rows, int seatsPerRow, List<RowGrade> grades) {}

  @Serdeable
  public record RowGrade(int fromRow, int toRow, String grade) {}

  public int seatCount() {
    return zones.stream().mapToInt(z -> z.rows() * z.seatsPerRow()).sum();
  }
}
