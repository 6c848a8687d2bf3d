package dev.ticketing.operations;

import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** One entry of the operators' audit log: who did what to which sale, when, from what to what. */
@Serdeable
@MappedEntity("operator_actions")
public record OperatorAction(
    @Id @GeneratedValue Long id,
    long performanceId,
    String operator,
    String action,
    @MappedProperty("before_state") String before,
    @MappedProperty("after_state") String after,
    Instant at) {}
