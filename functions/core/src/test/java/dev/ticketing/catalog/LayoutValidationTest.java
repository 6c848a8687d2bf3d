package dev.ticketing.catalog;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LayoutValidationTest {
  private static LayoutFile layout(List<LayoutFile.Grade> grades, List<LayoutFile.Zone> zones) {
    return new LayoutFile(
        "Show", "Hall", Instant.parse("2027-01-01T20:00:00Z"), null, null, grades, zones);
  }

  private static final List<LayoutFile.Grade> GRADES =
      List.of(new LayoutFile.Grade("VIP", new BigDecimal("100")));

  @Test
  void aCompleteLayoutIsValid() {
    assertDoesNotThrow(
        () ->
            LayoutImporter.validate(
                layout(
                    GRADES,
                    List.of(
                        new LayoutFile.Zone(
                            "Floor", 2, 10, List.of(new LayoutFile.RowGrade(1, 2, "VIP")))))));
  }

  @Test
  void aRowWithoutAGradeIsNamed() {
    InvalidLayoutException e = refusedFloor(3, new LayoutFile.RowGrade(1, 2, "VIP"));
    assertTrue(e.getMessage().contains("Floor row 3"), e.getMessage());
  }

  @Test
  void anUnknownGradeIsRefused() {
    InvalidLayoutException e = refusedFloor(1, new LayoutFile.RowGrade(1, 1, "Gold"));
    assertTrue(e.getMessage().contains("Gold"), e.getMessage());
  }

  /** Validating a layout whose one zone, Floor, has {@code rows} rows of 10 and these grades. */
  private static InvalidLayoutException refusedFloor(int rows, LayoutFile.RowGrade grades) {
    LayoutFile layout =
        layout(GRADES, List.of(new LayoutFile.Zone("Floor", rows, 10, List.of(grades))));
    return assertThrows(InvalidLayoutException.class, () -> LayoutImporter.validate(layout));
  }

  @Test
  void duplicateZonesAndMissingFieldsAreRefused() {
    LayoutFile.Zone zone =
        new LayoutFile.Zone("Floor", 1, 1, List.of(new LayoutFile.RowGrade(1, 1, "VIP")));
    assertThrows(
        InvalidLayoutException.class,
        () -> LayoutImporter.validate(layout(GRADES, List.of(zone, zone))));
    assertThrows(
        InvalidLayoutException.class,
        () -> LayoutImporter.validate(layout(List.of(), List.of(zone))));
    assertThrows(
        InvalidLayoutException.class,
        () ->
            LayoutImporter.validate(
                new LayoutFile(null, "Hall", Instant.now(), null, null, GRADES, List.of(zone))));
  }
}
