package dev.ticketing.catalog;

import dev.ticketing.error.ApiException;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The public catalog: which performances exist and how their seats are laid out and priced. */
@Singleton
public class Catalog {
  private final PerformanceRepository performances;

  public Catalog(PerformanceRepository performances) {
    this.performances = performances;
  }

  public List<PerformanceSummary> list() {
    return performances.findSummaries();
  }

  public Optional<Performance> find(long id) {
    return performances.findById(id);
  }

  public Performance require(long id) {
    return find(id).orElseThrow(() -> unknown(id));
  }

  public PerformanceDetails details(long id) {
    PerformanceSummary p = performances.findSummary(id).orElseThrow(() -> unknown(id));
    Map<String, long[]> zoneCounts = new LinkedHashMap<>();
    Map<String, List<String>> zoneGrades = new LinkedHashMap<>();
    Map<String, PerformanceDetails.Grade> grades = new LinkedHashMap<>();
    for (ZoneGradeCount c : performances.countByZoneAndGrade(id)) {
      long[] zone = zoneCounts.computeIfAbsent(c.zone(), z -> new long[2]);
      zone[0] += c.seatCount();
      zone[1] += c.availableCount();
      zoneGrades.computeIfAbsent(c.zone(), z -> new ArrayList<>()).add(c.grade());
      grades.merge(
          c.grade(),
          new PerformanceDetails.Grade(c.grade(), c.price(), c.seatCount(), c.availableCount()),
          (a, b) ->
              new PerformanceDetails.Grade(
                  a.name(),
                  a.price(),
                  a.seatCount() + b.seatCount(),
                  a.availableCount() + b.availableCount()));
    }
    List<PerformanceDetails.Zone> zones = new ArrayList<>();
    zoneCounts.forEach(
        (name, counts) ->
            zones.add(
                new PerformanceDetails.Zone(name, counts[0], counts[1], zoneGrades.get(name))));
    List<PerformanceDetails.Grade> byPrice = new ArrayList<>(grades.values());
    byPrice.sort((a, b) -> b.price().compareTo(a.price()));
    return new PerformanceDetails(
        p.id(),
        p.name(),
        p.venue(),
        p.startsAt(),
        p.saleOpensAt(),
        p.saleClosesAt(),
        p.seatCount(),
        p.availableCount(),
        zones,
        byPrice);
  }

  private static ApiException unknown(long id) {
    return ApiException.notFound("There is no performance " + id + ".");
  }
}
