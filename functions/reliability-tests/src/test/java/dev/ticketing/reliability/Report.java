package dev.ticketing.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The table docs/reliability.md summarises: one row per fault, written as the suite runs. */
final class Report {
  record Row(String fault, String clientsSaw, String recovery, String dataChecks) {}

  private final Path file;
  private final List<Row> rows = new ArrayList<>();

  Report(Path file) {
    this.file = file;
  }

  synchronized void add(Row row) {
    rows.add(row);
    System.out.println(
        "FAULT "
            + row.fault()
            + " | "
            + row.clientsSaw()
            + " | "
            + row.recovery()
            + " | "
            + row.dataChecks());
    write();
  }

  private void write() {
    StringBuilder md =
        new StringBuilder(
            "| fault | what clients saw | recovery | data checks |\n| --- | --- | --- | --- |\n");
    for (Row r : rows) {
      md.append("| ")
          .append(r.fault())
          .append(" | ")
          .append(r.clientsSaw())
          .append(" | ")
          .append(r.recovery())
          .append(" | ")
          .append(r.dataChecks())
          .append(" |\n");
    }
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, md);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
