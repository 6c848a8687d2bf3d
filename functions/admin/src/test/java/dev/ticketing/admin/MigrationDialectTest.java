package dev.ticketing.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The migrations stay in the SQL that MariaDB 10.11+/11.4 (where the tests run them) and MySQL 8.4
 * (RDS, which no test here can start) share. A static check, no substitute for running 8.4: it
 * catches the MariaDB-only syntax the embedded tests would accept and the words MySQL 8.x reserves
 * that MariaDB does not, in every migration, including ones added later (docs/deploy.md, "MySQL
 * 8.4: what was checked").
 */
class MigrationDialectTest {
  /** MariaDB-only syntax → why MySQL 8.4 refuses it. */
  static final Map<Pattern, String> MARIADB_ONLY =
      Map.of(
          ci("\\bRETURNING\\b"), "INSERT/DELETE ... RETURNING",
          ci("\\bCREATE\\s+OR\\s+REPLACE\\s+(TABLE|PROCEDURE|FUNCTION|TRIGGER)\\b"),
              "CREATE OR REPLACE (MySQL has it for views only)",
          ci("\\b(CREATE\\s+SEQUENCE|NEXTVAL|NEXT\\s+VALUE\\s+FOR)\\b"), "sequences",
          ci("\\b(ADD|DROP|MODIFY|CHANGE)\\s+(COLUMN\\s+)?IF\\s+(NOT\\s+)?EXISTS\\b"),
              "IF [NOT] EXISTS on a column (MySQL has it for tables only)",
          ci("\\bWITH\\s+SYSTEM\\s+VERSIONING\\b"), "system-versioned tables",
          ci("\\bENGINE\\s*=\\s*(Aria|MyISAM|MEMORY)\\b"), "an engine other than InnoDB",
          ci("\\b(INET4|INET6|UUID|VECTOR)\\s*(\\(|,|\\s+NOT\\b|\\s+NULL\\b)"),
              "a MariaDB-only column type");

  /** Reserved in MySQL 8.0/8.4 (keywords table, "R"), not in MariaDB: no identifier may be one. */
  static final Set<String> MYSQL_ONLY_RESERVED =
      Set.of(
          "ARRAY",
          "CUME_DIST",
          "DENSE_RANK",
          "EMPTY",
          "FIRST_VALUE",
          "GROUPING",
          "GROUPS",
          "JSON_TABLE",
          "LAG",
          "LAST_VALUE",
          "LATERAL",
          "LEAD",
          "MANUAL",
          "MEMBER",
          "NTH_VALUE",
          "NTILE",
          "OF",
          "OVER",
          "PARALLEL",
          "PERCENT_RANK",
          "QUALIFY",
          "RANK",
          "RECURSIVE",
          "ROW",
          "ROWS",
          "ROW_NUMBER",
          "SYSTEM",
          "TABLESAMPLE",
          "WINDOW");

  private static final Pattern COMMENT = Pattern.compile("--[^\\n]*|/\\*.*?\\*/", Pattern.DOTALL);
  private static final Pattern STRING = Pattern.compile("'(?:[^'\\\\]|\\\\.)*'");
  private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private static Pattern ci(String regex) {
    return Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
  }

  /**
   * The migrations as written (the core module's resources; this module runs in functions/admin).
   */
  static List<Path> migrations() throws IOException {
    Path dir = Path.of("../core/src/main/resources/db/migration");
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".sql")).sorted().toList();
    }
  }

  static String code(String sql) {
    return STRING.matcher(COMMENT.matcher(sql).replaceAll(" ")).replaceAll("''");
  }

  @Test
  void everyMigrationAvoidsMariaDbOnlySyntaxAndMySqlReservedWords() throws Exception {
    List<Path> files = migrations();
    assertTrue(files.size() >= 2, "found " + files);
    List<String> problems = new ArrayList<>();
    for (Path file : files) {
      String code = code(Files.readString(file));
      MARIADB_ONLY.forEach(
          (pattern, what) -> {
            Matcher m = pattern.matcher(code);
            if (m.find()) {
              problems.add(file.getFileName() + ": " + what + " ('" + m.group() + "')");
            }
          });
      Matcher words = WORD.matcher(code);
      while (words.find()) {
        String word = words.group().toUpperCase(Locale.ROOT);
        if (MYSQL_ONLY_RESERVED.contains(word)) {
          problems.add(file.getFileName() + ": '" + words.group() + "' is reserved in MySQL 8.4");
        }
      }
    }
    assertEquals(List.of(), problems);
  }

  @Test
  void theCheckFindsWhatItLooksFor() {
    String bad =
        "CREATE OR REPLACE TABLE t (row INT, id UUID NOT NULL) ENGINE=Aria; -- RETURNING in a"
            + " comment is fine\nINSERT INTO t VALUES (1) RETURNING id;";
    String code = code(bad);
    long syntax = MARIADB_ONLY.keySet().stream().filter(p -> p.matcher(code).find()).count();
    assertEquals(4, syntax, "CREATE OR REPLACE, UUID, Aria, RETURNING");
    assertTrue(WORD.matcher(code).results().anyMatch(w -> w.group().equals("row")));
  }
}
