package dev.ticketing.admin;

import dev.ticketing.catalog.LayoutFile;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * One operator command sent to the admin Lambda as JSON, the same commands as the CLI's:
 *
 * <pre>
 *   {"command": "reset", "layout": { ...a layout file... }}
 *   {"command": "audit", "performanceId": 1, "reservations": [{"reservationId": "...", "seatIds": [1, 2]}]}
 *   {"command": "queue-status", "performanceId": 1}
 *   {"command": "set-capacity", "performanceId": 1, "capacity": 250, "operator": "arn:aws:iam::...:user/ana"}
 *   {"command": "pause", "performanceId": 1, "operator": "..."}
 *   {"command": "resume", "performanceId": 1, "operator": "..."}
 *   {"command": "close", "performanceId": 1, "operator": "..."}
 * </pre>
 */
@Serdeable
public record AdminRequest(
    String command,
    @Nullable Long performanceId,
    @Nullable LayoutFile layout,
    @Nullable Integer capacity,
    @Nullable Integer maxSeatsPerHolder,
    @Nullable List<ClientReservation> reservations,
    @Nullable String operator) {}
