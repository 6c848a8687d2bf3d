-- One ticketing session makes at most one reservation of a performance (docs/seats.md, "One
-- session, one reservation"). reservations.holder is the session id (the access token's sid), so
-- the holder index becomes unique: a second reservation of the same session cannot commit,
-- whatever Redis says about the session, for every lock strategy.
--
-- Sessions that made several reservations before this migration (issue 16, defect 2) keep every
-- row; all but the earliest of each get the holder '<holder>#<start of the reservation id>' so the
-- key can be unique. They are listed by: SELECT * FROM reservations WHERE holder LIKE '%#%'.

-- The derived table is grouped so that MySQL materialises it instead of merging it into the
-- UPDATE (which may not read the table it updates).
UPDATE reservations r
  JOIN (SELECT later.id FROM reservations later
         WHERE EXISTS (SELECT 1 FROM reservations earlier
                        WHERE earlier.performance_id = later.performance_id
                          AND earlier.holder = later.holder
                          AND (earlier.created_at < later.created_at
                               OR (earlier.created_at = later.created_at AND earlier.id < later.id)))
         GROUP BY later.id) renamed ON renamed.id = r.id
   SET r.holder = CONCAT(LEFT(r.holder, 36), '#', LEFT(r.id, 27));

-- Added before the old index goes: the foreign key on performance_id needs one of them.
ALTER TABLE reservations ADD UNIQUE KEY uq_reservations_holder (performance_id, holder);
ALTER TABLE reservations DROP INDEX ix_reservations_holder;

-- The `atomic` strategy's procedure: V2's reserve_available_seats, now also answering for the
-- session: when its update lost, or its reservation row met the session's earlier one, it names
-- that reservation. A procedure of a new name, so that function versions deployed before this
-- migration keep calling V2's while their aliases move (a later migration may drop it).
--
-- Invariant (V2's, unchanged): a seat turns RESERVED only in the commit that writes the one
-- reservation_seats row naming it; an update that did not get every requested seat, and any error,
-- rolls back and keeps nothing. And now: a session's second reservation never commits
-- (uq_reservations_holder), and the procedure says so instead of failing.
--
-- It answers with one row of one column, lost_seats:
--   NULL: won, committed.
--   'reserved:<id>': rolled back; the session (in_holder) already has reservation <id>, committed
--         (its update lost to that reservation's seats, or its own reservation row met it).
--   else: lost, rolled back; the requested seats that are RESERVED, comma-separated in the order
--         given (ascending), or '' if none is (their winner had not committed yet). When the
--         update reserved none of them, all of them are RESERVED (it waited for each row's lock
--         and read its latest committed state), so they are named without reading them again.
-- After a rollback, the session's reservation is read by its own statement (autocommit), so it sees
-- a reservation committed while this call waited for a lock: one index lookup, and only on a loss.
--
-- It runs its own transaction: call it with autocommit on, never inside another transaction
-- (START TRANSACTION would commit that one). It keeps no session state (local variables only: no
-- session variables, no @variables), so it gives RDS Proxy no reason to pin the connection.

DELIMITER //

CREATE PROCEDURE reserve_seats_for_session(
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
  DECLARE session_reserved BOOLEAN DEFAULT FALSE;
  DECLARE answer VARCHAR(100) DEFAULT NULL;
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
    BEGIN
      -- Only uq_reservations_holder can refuse this row (its id is a new random UUID).
      DECLARE CONTINUE HANDLER FOR 1062 SET session_reserved = TRUE;
      INSERT INTO reservations (id, performance_id, holder, created_at, total)
      VALUES (in_reservation_id, in_performance_id, in_holder, in_created_at, in_total);
    END;
  END IF;

  IF reserved = requested AND NOT session_reserved THEN
    INSERT INTO reservation_seats (reservation_id, seat_id)
    SELECT in_reservation_id, id FROM seats
     WHERE performance_id = in_performance_id
       AND id IN (in_seat_1, in_seat_2, in_seat_3, in_seat_4);
    COMMIT;
  ELSE
    ROLLBACK;
    SET answer = (SELECT CONCAT('reserved:', id) FROM reservations
                   WHERE performance_id = in_performance_id AND holder = in_holder);
    IF answer IS NULL THEN
      IF reserved = 0 THEN
        SET answer = CONCAT_WS(',', in_seat_1, in_seat_2, in_seat_3, in_seat_4);
      ELSE
        SELECT COALESCE(GROUP_CONCAT(id ORDER BY id), '') INTO answer FROM seats
         WHERE performance_id = in_performance_id
           AND id IN (in_seat_1, in_seat_2, in_seat_3, in_seat_4)
           AND status <> 'AVAILABLE';
      END IF;
    END IF;
  END IF;

  SELECT answer AS lost_seats;
END//

DELIMITER ;
