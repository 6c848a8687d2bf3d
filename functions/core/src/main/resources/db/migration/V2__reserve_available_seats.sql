-- The `atomic` lock strategy's whole transaction in one round trip (docs/seats.md, "atomic"):
-- the conditional update of the requested seats (1 to 4; the unused parameters are NULL), then,
-- only if it reserved every one of them, the reservation and its seats, committed together.
--
-- Invariant: a seat turns RESERVED only in the commit that writes the one reservation_seats row
-- naming it; an update that did not get every requested seat, and any error, rolls back and keeps
-- nothing.
--
-- It answers with one row of one column, lost_seats:
--   NULL: won, committed.
--   else: lost, rolled back; the requested seats that are RESERVED, comma-separated in the order
--         given (ascending), or '' if none is (their winner had not committed yet). When the
--         update reserved none of them, all of them are RESERVED (it waited for each row's lock
--         and read its latest committed state), so they are named without reading them again.
--
-- It runs its own transaction: call it with autocommit on, never inside another transaction
-- (START TRANSACTION would commit that one). It keeps no session state (local variables only: no
-- session variables, no @variables), so it gives RDS Proxy no reason to pin the connection.

DELIMITER //

CREATE PROCEDURE reserve_available_seats(
  IN in_reservation_id CHAR(36),
  IN in_performance_id BIGINT,
  IN in_holder         VARCHAR(64),
  IN in_created_at     DATETIME(3),
  IN in_total          DECIMAL(10,2),
  IN in_seat_1         BIGINT,
  IN in_seat_2         BIGINT,
  IN in_seat_3         BIGINT,
  IN in_seat_4         BIGINT)
MODIFIES SQL DATA
BEGIN
  DECLARE requested INT DEFAULT
    (in_seat_1 IS NOT NULL) + (in_seat_2 IS NOT NULL) + (in_seat_3 IS NOT NULL) + (in_seat_4 IS NOT NULL);
  DECLARE reserved INT DEFAULT 0;
  DECLARE lost_seats VARCHAR(100) DEFAULT NULL;
  DECLARE EXIT HANDLER FOR SQLEXCEPTION
  BEGIN
    ROLLBACK;
    RESIGNAL;
  END;

  START TRANSACTION;
  UPDATE seats SET status = 'RESERVED', version = version + 1
   WHERE performance_id = in_performance_id
     AND id IN (in_seat_1, in_seat_2, in_seat_3, in_seat_4)
     AND status = 'AVAILABLE';
  SET reserved = ROW_COUNT();

  IF reserved = requested THEN
    INSERT INTO reservations (id, performance_id, holder, created_at, total)
    VALUES (in_reservation_id, in_performance_id, in_holder, in_created_at, in_total);
    INSERT INTO reservation_seats (reservation_id, seat_id)
    SELECT in_reservation_id, id FROM seats
     WHERE performance_id = in_performance_id
       AND id IN (in_seat_1, in_seat_2, in_seat_3, in_seat_4);
    COMMIT;
  ELSE
    ROLLBACK;
    IF reserved = 0 THEN
      SET lost_seats = CONCAT_WS(',', in_seat_1, in_seat_2, in_seat_3, in_seat_4);
    ELSE
      SELECT COALESCE(GROUP_CONCAT(id ORDER BY id), '') INTO lost_seats FROM seats
       WHERE performance_id = in_performance_id
         AND id IN (in_seat_1, in_seat_2, in_seat_3, in_seat_4)
         AND status <> 'AVAILABLE';
    END IF;
  END IF;

  SELECT lost_seats;
END//

DELIMITER ;
