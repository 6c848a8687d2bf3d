-- Holds, confirmations and their end (docs/seats.md, "Holds"). A reservation is made HELD for
-- HOLD_TTL_SECONDS; confirming it (buyer's name and e-mail) makes it CONFIRMED and its seats
-- RESERVED; releasing it or letting it expire makes it RELEASED/EXPIRED and its seats AVAILABLE again.
-- Reservations made before this migration were final: they stay CONFIRMED.
--
-- Invariants:
--   * seats.status: AVAILABLE, HELD (in a HELD reservation), RESERVED (in a CONFIRMED one); a seat is
--     in reservation_seats exactly while it is HELD or RESERVED (uq_reservation_seats_seat, the
--     backstop, still makes a double booking impossible);
--   * every status change of a seat raises seats.version by one, so SUM(seats.version) of a
--     performance counts its changes: the live map's version (docs/seats.md, "The live seat map");
--   * a reservation leaves HELD once, by one conditional UPDATE of its row (status = 'HELD'): a confirm
--     racing the expiry of the same hold is one or the other, never both.

ALTER TABLE seats DROP CONSTRAINT ck_seats_status;
ALTER TABLE seats ADD CONSTRAINT ck_seats_status CHECK (status IN ('AVAILABLE', 'HELD', 'RESERVED'));

ALTER TABLE reservations
  ADD COLUMN status       VARCHAR(16)  NOT NULL DEFAULT 'CONFIRMED',
  ADD COLUMN expires_at   DATETIME(3)  NULL,
  ADD COLUMN ended_at     DATETIME(3)  NULL,
  ADD COLUMN buyer_name   VARCHAR(100) NULL,
  ADD COLUMN buyer_email  VARCHAR(254) NULL,
  ADD CONSTRAINT ck_reservations_status
    CHECK (status IN ('HELD', 'CONFIRMED', 'RELEASED', 'EXPIRED')),
  ADD KEY ix_reservations_expiry (performance_id, status, expires_at);

-- The `atomic` strategy's procedure, now making a hold: V3's reserve_seats_for_session with the
-- seats set HELD and the reservation HELD until in_expires_at. A procedure of a new name, so that
-- function versions deployed before this migration keep calling V3's while their aliases move.
--
-- Invariant (V3's, unchanged but for the status): a seat turns HELD only in the commit that writes
-- the one reservation_seats row naming it; an update that did not get every requested seat, and any
-- error, rolls back and keeps nothing; a session's second reservation never commits.
-- Answers as V3's: NULL (won), 'reserved:<id>' (the session has reservation <id>), else the lost
-- seats ('' when none is taken yet).

DELIMITER //

CREATE PROCEDURE hold_seats_for_session(
  IN in_reservation_id CHAR(36),
  IN in_performance_id BIGINT,
  IN in_holder         VARCHAR(64),
  IN in_created_at     DATETIME(3),
  IN in_expires_at     DATETIME(3),
  IN in_total          DECIMAL(10,2),
  IN in_seat_1         BIGINT,
  IN in_seat_2         BIGINT,
  IN in_seat_3         BIGINT,
  IN in_seat_4         BIGINT)
MODIFIES SQL DATA
BEGIN
  DECLARE requested INT DEFAULT
    (in_seat_1 IS NOT NULL) + (in_seat_2 IS NOT NULL) + (in_seat_3 IS NOT NULL) + (in_seat_4 IS NOT NULL);
  DECLARE taken INT DEFAULT 0;
  DECLARE session_reserved BOOLEAN DEFAULT FALSE;
  DECLARE answer VARCHAR(100) DEFAULT NULL;
  DECLARE EXIT HANDLER FOR SQLEXCEPTION
  BEGIN
    ROLLBACK;
    RESIGNAL;
  END;

  START TRANSACTION;
  UPDATE seats SET status = 'HELD', version = version + 1
   WHERE performance_id = in_performance_id
     AND id IN (in_seat_1, in_seat_2, in_seat_3, in_seat_4)
     AND status = 'AVAILABLE';
  SET taken = ROW_COUNT();

  IF taken = requested THEN
    BEGIN
      -- Only uq_reservations_holder can refuse this row (its id is a new random UUID).
      DECLARE CONTINUE HANDLER FOR 1062 SET session_reserved = TRUE;
      INSERT INTO reservations (id, performance_id, holder, created_at, total, status, expires_at)
      VALUES (in_reservation_id, in_performance_id, in_holder, in_created_at, in_total, 'HELD',
              in_expires_at);
    END;
  END IF;

  IF taken = requested AND NOT session_reserved THEN
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
      IF taken = 0 THEN
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
