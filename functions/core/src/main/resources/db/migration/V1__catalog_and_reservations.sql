-- Valid on MySQL 8.0 and MariaDB 10.11+. Times are UTC (the JDBC URL sets connectionTimeZone=UTC).

CREATE TABLE performances (
  id              BIGINT       NOT NULL AUTO_INCREMENT,
  name            VARCHAR(200) NOT NULL,
  venue           VARCHAR(200) NOT NULL,
  starts_at       DATETIME(3)  NOT NULL,
  sale_opens_at   DATETIME(3)  NOT NULL,
  sale_closes_at  DATETIME(3)  NOT NULL,
  PRIMARY KEY (id)
) ENGINE = InnoDB;

CREATE TABLE price_grades (
  id              BIGINT        NOT NULL AUTO_INCREMENT,
  performance_id  BIGINT        NOT NULL,
  name            VARCHAR(50)   NOT NULL,
  price           DECIMAL(10,2) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_price_grades_name (performance_id, name),
  CONSTRAINT fk_price_grades_performance FOREIGN KEY (performance_id) REFERENCES performances (id)
) ENGINE = InnoDB;

CREATE TABLE seats (
  id              BIGINT      NOT NULL AUTO_INCREMENT,
  performance_id  BIGINT      NOT NULL,
  zone            VARCHAR(50) NOT NULL,
  row_label       VARCHAR(10) NOT NULL,
  seat_number     INT         NOT NULL,
  grade_id        BIGINT      NOT NULL,
  status          VARCHAR(16) NOT NULL DEFAULT 'AVAILABLE',
  version         BIGINT      NOT NULL DEFAULT 0,
  PRIMARY KEY (id),
  UNIQUE KEY uq_seats_place (performance_id, zone, row_label, seat_number),
  KEY ix_seats_status (performance_id, status),
  CONSTRAINT fk_seats_performance FOREIGN KEY (performance_id) REFERENCES performances (id),
  CONSTRAINT fk_seats_grade FOREIGN KEY (grade_id) REFERENCES price_grades (id),
  CONSTRAINT ck_seats_status CHECK (status IN ('AVAILABLE', 'RESERVED'))
) ENGINE = InnoDB;

CREATE TABLE reservations (
  id              CHAR(36)      NOT NULL,
  performance_id  BIGINT        NOT NULL,
  holder          VARCHAR(64)   NOT NULL,
  created_at      DATETIME(3)   NOT NULL,
  total           DECIMAL(10,2) NOT NULL,
  PRIMARY KEY (id),
  KEY ix_reservations_holder (performance_id, holder),
  CONSTRAINT fk_reservations_performance FOREIGN KEY (performance_id) REFERENCES performances (id)
) ENGINE = InnoDB;

-- The backstop: uq_reservation_seats_seat makes a double booking impossible even if a lock
-- strategy were wrong. The strategies never rely on it; tests count its violations and expect 0.
CREATE TABLE reservation_seats (
  reservation_id  CHAR(36) NOT NULL,
  seat_id         BIGINT   NOT NULL,
  PRIMARY KEY (reservation_id, seat_id),
  UNIQUE KEY uq_reservation_seats_seat (seat_id),
  CONSTRAINT fk_reservation_seats_reservation FOREIGN KEY (reservation_id) REFERENCES reservations (id),
  CONSTRAINT fk_reservation_seats_seat FOREIGN KEY (seat_id) REFERENCES seats (id)
) ENGINE = InnoDB;
