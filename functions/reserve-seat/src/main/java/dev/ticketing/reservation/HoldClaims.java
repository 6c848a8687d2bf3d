package dev.ticketing.reservation;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.ticketing.auth.TokenClaims;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * What a hold token says: the performance and the reservation it confirms, releases or shows. It
 * outlives the hold ({@link HoldTokens#VALID_AFTER_HOLD}), so that a confirm after the expiry gets
 * 410 rather than 401, and a buyer can show their tickets again later.
 */
@Serdeable
public record HoldClaims(
    @JsonProperty("perf") long performanceId,
    @JsonProperty("rid") @Nullable String reservationId,
    @JsonProperty("exp") long exp)
    implements TokenClaims {}
