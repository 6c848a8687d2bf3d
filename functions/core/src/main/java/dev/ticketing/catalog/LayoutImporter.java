package dev.ticketing.catalog;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Creates a performance, its price grades and every seat from a {@link LayoutFile}, atomically. */
@Singleton
public class LayoutImporter {
  public static final int MAX_SEATS = 20_000;

  private final PerformanceRepository performances;
  private final PriceGradeRepository grades;
  private final SeatRepository seats;

  public LayoutImporter(
      PerformanceRepository performances, PriceGradeRepository grades, SeatRepository seats) {
    this.performances = performances;
    this.grades = grades;
    this.seats = seats;
  }

  @Transactional
  public Performance create(LayoutFile layout, Instant now) {
    validate(layout);
    Instant opens = layout.saleOpensAt() != null ? layout.saleOpensAt() : now;
    Instant closes = layout.saleClosesAt() != null ? layout.saleClosesAt() : layout.startsAt();
    if (!closes.isAfter(opens)) {
      throw new InvalidLayoutException("the sale must close after it opens");
    }
    Performance performance =
        performances.save(
            new Performance(null, layout.name(), layout.venue(), layout.startsAt(), opens, closes));
    Map<String, Long> gradeIds = new HashMap<>();
    for (LayoutFile.Grade g : layout.grades()) {
      gradeIds.put(
          g.name(), grades.save(new PriceGrade(null, performance.id(), g.name(), g.price())).id());
    }
    List<Seat> rows = new ArrayList<>(layout.seatCount());
    for (LayoutFile.Zone zone : layout.zones()) {
      for (int row = 1; row <= zone.rows(); row++) {
        long gradeId = gradeIds.get(gradeOf(zone, row));
        for (int number = 1; number <= zone.seatsPerRow(); number++) {
          rows.add(
              new Seat(
                  null,
                  performance.id(),
                  zone.name(),
                  Integer.toString(row),
                  number,
                  gradeId,
                  SeatStatus.AVAILABLE,
                  0));
        }
      }
    }
    seats.saveAll(rows);
    return performance;
  }

  static void validate(LayoutFile layout) {
    require(layout.name() != null && !layout.name().isBlank(), "name is required");
    require(layout.venue() != null && !layout.venue().isBlank(), "venue is required");
    require(layout.startsAt() != null, "startsAt is required");
    require(layout.grades() != null && !layout.grades().isEmpty(), "at least one grade");
    require(layout.zones() != null && !layout.zones().isEmpty(), "at least one zone");
    Set<String> gradeNames = new HashSet<>();
    for (LayoutFile.Grade g : layout.grades()) {
      require(g.name() != null && !g.name().isBlank(), "every grade needs a name");
      require(g.price() != null && g.price().signum() >= 0, "grade " + g.name() + " needs a price");
      require(gradeNames.add(g.name()), "grade " + g.name() + " appears twice");
    }
    Set<String> zoneNames = new HashSet<>();
    for (LayoutFile.Zone z : layout.zones()) {
      require(z.name() != null && !z.name().isBlank(), "every zone needs a name");
      require(zoneNames.add(z.name()), "zone " + z.name() + " appears twice");
      require(z.rows() > 0 && z.seatsPerRow() > 0, "zone " + z.name() + " needs rows and seats");
      for (int row = 1; row <= z.rows(); row++) {
        String grade = gradeOf(z, row);
        require(grade != null, "zone " + z.name() + " row " + row + " has no grade");
        require(gradeNames.contains(grade), "zone " + z.name() + " uses unknown grade " + grade);
      }
    }
    require(layout.seatCount() <= MAX_SEATS, "at most " + MAX_SEATS + " seats");
  }

  private static String gradeOf(LayoutFile.Zone zone, int row) {
    if (zone.grades() == null) {
      return null;
    }
    return zone.grades().stream()
        .filter(g -> row >= g.fromRow() && row <= g.toRow())
        .map(LayoutFile.RowGrade::grade)
        .findFirst()
        .orElse(null);
  }

  private static void require(boolean condition, String problem) {
    if (!condition) {
      throw new InvalidLayoutException(problem);
    }
  }
}
