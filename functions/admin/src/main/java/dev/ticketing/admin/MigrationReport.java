package dev.ticketing.admin;

import io.micronaut.serde.annotation.Serdeable;

/** How many migrations a run applied and the schema version it left. */
@Serdeable
public record MigrationReport(int migrationsExecuted, String schemaVersion) {}
