package dev.ticketing.advancequeue;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** What one invocation did, per open performance (returned to the caller and logged). */
@Serdeable
public record AdvanceReport(List<Long> openPerformances) {}
