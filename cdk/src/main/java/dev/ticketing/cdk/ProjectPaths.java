package dev.ticketing.cdk;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the stack finds what the rest of the build produced: the function jars and the built SPA
 * ({@code frontend/dist} unless {@code -c frontendDir=...} names another directory).
 */
public record ProjectPaths(Path root, Path frontendDir) {

  /**
   * The repository root: the nearest directory at or above the working directory that holds {@code
   * functions/} (the working directory is {@code cdk/} under Maven and the cdk CLI).
   */
  public static ProjectPaths discover(Optional<String> frontendDir) {
    Path dir = Path.of("").toAbsolutePath();
    for (Path p = dir; p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("functions")) && Files.isRegularFile(p.resolve("pom.xml"))) {
        return new ProjectPaths(
            p, frontendDir.map(Path::of).orElse(p.resolve("frontend").resolve("dist")));
      }
    }
    throw new IllegalStateException(
        "cannot find the repository root (a directory with functions/ and pom.xml) above " + dir);
  }

  /** {@code functions/<module>/target/<module>-lambda.jar}, which must have been built. */
  public Path lambdaJar(String module) {
    Path jar =
        root.resolve("functions").resolve(module).resolve("target").resolve(module + "-lambda.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          jar
              + " is missing: build the functions first (./mvnw -B install -DskipTests from the"
              + " repository root; cdk is the last module of the reactor)");
    }
    return jar;
  }

  /** The built SPA, if it has been built. */
  public Optional<Path> frontendDist() {
    return Files.isDirectory(frontendDir) ? Optional.of(frontendDir) : Optional.empty();
  }
}
