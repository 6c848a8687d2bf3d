-- The operators' audit log (issue 20): every action an operator takes on a sale, by whom, when,
-- and the state before and after it. Numbered after the issue so that migrations written in
-- parallel on other branches (V4...) do not collide with it; Flyway applies versions in order.
-- Rows are only ever inserted.

CREATE TABLE operator_actions (
  id              BIGINT       NOT NULL AUTO_INCREMENT,
  performance_id  BIGINT       NOT NULL,
  operator        VARCHAR(200) NOT NULL,
  action          VARCHAR(32)  NOT NULL,
  before_state    VARCHAR(500) NOT NULL,
  after_state     VARCHAR(500) NOT NULL,
  at              DATETIME(3)  NOT NULL,
  PRIMARY KEY (id),
  KEY ix_operator_actions_performance (performance_id, id)
) ENGINE = InnoDB;
