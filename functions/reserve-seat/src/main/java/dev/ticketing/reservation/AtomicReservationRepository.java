package dev.ticketing.reservation;

import dev.ticketing.catalog.Seat;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.DataType;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.math.BigDecimal;
import java.time.LocalDateTime;

/**
 * The {@code atomic} strategy's transaction, kept in the database as one procedure
 * (db/migration/V4__holds_and_confirmations.sql): one round trip per hold.
 */
@JdbcRepository(dialect = Dialect.MYSQL)
public interface AtomicReservationRepository extends GenericRepository<Seat, Long> {

  /**
   * The conditional update of seats 1 to 4 (unused ones null) to HELD and, if it got all of them,
   * the reservation (HELD until {@code expiresAt}) and its seats, committed. Runs its own
   * transaction: never call it inside another. {@code createdAt} is in UTC, as in {@link
   * ReservationRowRepository#insertReservation}.
   *
   * @return null when it won; {@code "reserved:<id>"} when the session ({@code holder}) already has
   *     reservation {@code id}; else the requested seats MySQL shows taken, comma-separated, or ""
   *     when none is (their winner had not committed yet)
   */
  @Query(
      """
      CALL hold_seats_for_session(:reservationId, :performanceId, :holder, :createdAt, :expiresAt,
                                  :total, :seat1, :seat2, :seat3, :seat4)""")
  @Nullable
  String reserveAvailableSeats(
      String reservationId,
      long performanceId,
      String holder,
      @TypeDef(type = DataType.OBJECT) LocalDateTime createdAt,
      @TypeDef(type = DataType.OBJECT) LocalDateTime expiresAt,
      BigDecimal total,
      @Nullable Long seat1,
      @Nullable Long seat2,
      @Nullable Long seat3,
      @Nullable Long seat4);
}
