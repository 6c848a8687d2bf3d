package dev.ticketing.admin;

import dev.ticketing.catalog.InvalidLayoutException;
import dev.ticketing.catalog.LayoutFile;
import dev.ticketing.catalog.LayoutImporter;
import dev.ticketing.catalog.Performance;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;

/**
 * A fresh performance for a sale or a test run, created from a layout (docs/layout-example.json) in
 * one transaction: the performance, its grades and every seat, all available. Earlier performances
 * are left as they are (their reservations are the record of their sale).
 */
final class Reset {
  private Reset() {}

  @Serdeable
  record Report(
      long performanceId, String name, int seats, Instant saleOpensAt, Instant saleClosesAt) {
    String text() {
      return "created performance "
          + performanceId
          + " ("
          + name
          + ") with "
          + seats
          + " seats; sale opens "
          + saleOpensAt
          + ", closes "
          + saleClosesAt;
    }
  }

  static LayoutFile parse(ApplicationContext ctx, byte[] json) {
    LayoutFile layout;
    try {
      layout = ctx.getBean(JsonMapper.class).readValue(json, LayoutFile.class);
    } catch (IOException e) {
      throw new InvalidLayoutException("not valid JSON (" + e.getMessage() + ")");
    }
    if (layout == null) {
      throw new InvalidLayoutException("the file is empty");
    }
    return layout;
  }

  static Report create(ApplicationContext ctx, LayoutFile layout) {
    Performance p = ctx.getBean(LayoutImporter.class).create(layout, Clock.systemUTC().instant());
    return new Report(p.id(), p.name(), layout.seatCount(), p.saleOpensAt(), p.saleClosesAt());
  }
}
