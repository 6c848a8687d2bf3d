package dev.ticketing.catalog;

import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.math.BigDecimal;

/** A price class of a performance (VIP, R, S...); every seat has one. */
@MappedEntity("price_grades")
public record PriceGrade(
    @Id @GeneratedValue Long id, long performanceId, String name, BigDecimal price) {}
