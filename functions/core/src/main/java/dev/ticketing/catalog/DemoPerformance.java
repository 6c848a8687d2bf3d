package dev.ticketing.catalog;

import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Seeds the demo performance of a local run (500 seats, four grades, sale open now) once. */
@Singleton
public class DemoPerformance {
  private final PerformanceRepository performances;
  private final LayoutImporter importer;
  private final JsonMapper json;

  public DemoPerformance(
      PerformanceRepository performances, LayoutImporter importer, JsonMapper json) {
    this.performances = performances;
    this.importer = importer;
    this.json = json;
  }

  /** Creates the demo performance unless one whose sale has not ended already exists. */
  public boolean seedIfAbsent(Instant now) {
    LayoutFile demo = layout();
    if (performances.existsByNameAndSaleClosesAtGreaterThan(demo.name(), now)) {
      return false;
    }
    Instant startsAt = now.plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.HOURS);
    importer.create(
        new LayoutFile(
            demo.name(),
            demo.venue(),
            startsAt,
            now.truncatedTo(ChronoUnit.SECONDS),
            startsAt,
            demo.grades(),
            demo.zones()),
        now);
    return true;
  }

  public LayoutFile layout() {
    try (InputStream in = DemoPerformance.class.getResourceAsStream("/layouts/demo.json")) {
      return json.readValue(in.readAllBytes(), LayoutFile.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
