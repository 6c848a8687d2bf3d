package dev.ticketing.catalog;

import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** A show with a seat layout; its sale runs from {@code saleOpensAt} to {@code saleClosesAt}. */
@MappedEntity("performances")
public record Performance(
    @Id @GeneratedValue Long id,
    String name,
    String venue,
    Instant startsAt,
    Instant saleOpensAt,
    Instant saleClosesAt) {

  public boolean saleOpenAt(Instant now) {
    return !now.isBefore(saleOpensAt) && now.isBefore(saleClosesAt);
  }

  public boolean saleEndedAt(Instant now) {
    return !now.isBefore(saleClosesAt);
  }
}
