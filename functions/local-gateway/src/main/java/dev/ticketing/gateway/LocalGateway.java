package dev.ticketing.gateway;

import dev.ticketing.catalog.DemoPerformance;
import dev.ticketing.config.InvalidSettingException;
import dev.ticketing.config.Settings;
import dev.ticketing.db.Migrations;
import dev.ticketing.function.FunctionContexts;
import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.local.LocalStores;
import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * API Gateway and EventBridge on one machine. Starts the stores (embedded unless configured),
 * migrates and seeds the database, starts every function in its own context and serves the API and
 * the SPA on one port until Ctrl-C or SIGTERM.
 */
public final class LocalGateway implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger("gateway");

  private final LocalStores stores;
  private final LocalFunctions functions;
  private final GatewayServer server;
  private final AdvanceSchedule schedule;
  private final Settings settings;

  private LocalGateway(
      LocalStores stores,
      LocalFunctions functions,
      GatewayServer server,
      AdvanceSchedule schedule,
      Settings settings) {
    this.stores = stores;
    this.functions = functions;
    this.server = server;
    this.schedule = schedule;
    this.settings = settings;
  }

  public static void main(String[] args) throws InterruptedException {
    LocalGateway gateway;
    try {
      gateway = start(System.getenv());
    } catch (InvalidSettingException e) {
      System.err.println("Configuration error: " + e.getMessage());
      System.exit(2);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  LOG.info("stopping");
                  gateway.close();
                  stopped.countDown();
                },
                "gateway-shutdown"));
    stopped.await();
  }

  /** Starts everything; {@code env} is the process environment (tests pass their own). */
  public static LocalGateway start(Map<String, String> env) {
    Settings.from(env);
    LocalStores stores = LocalStores.start(env);
    LocalFunctions functions = null;
    try {
      Map<String, String> resolved = new HashMap<>(stores.environment());
      resolved.putIfAbsent("TOKEN_SIGNING_KEY", signingKey(Settings.from(resolved)));
      // A laptop under load is not ElastiCache next door: the Lambda defaults (250/100 ms) would
      // fail requests whenever the machine is busy, so a local run waits longer unless told not to.
      resolved.putIfAbsent("REDIS_COMMAND_TIMEOUT_MS", "2000");
      resolved.putIfAbsent("REDIS_CONNECT_TIMEOUT_MS", "2000");
      Settings settings = Settings.from(resolved);
      prepareDatabase(settings);
      functions = new LocalFunctions(settings);
      StaticFiles spa = new StaticFiles(frontendDir(settings));
      GatewayServer server = new GatewayServer("0.0.0.0", settings.port(), functions, spa, 256);
      server.start();
      AdvanceSchedule schedule = new AdvanceSchedule(functions, settings.advanceIntervalSeconds());
      LocalGateway gateway = new LocalGateway(stores, functions, server, schedule, settings);
      LOG.info(
          "database: {}; redis: {}; lock strategy: {}; SPA: {}",
          stores.embeddedDatabase() ? "embedded MariaDB" : "DATABASE_URL",
          stores.embeddedRedis() ? "embedded Redis" : "REDIS_URL",
          settings.lockStrategy(),
          spa.available() ? spa.root().get() : "not built");
      LOG.info("ready: open http://localhost:{}/", server.port());
      return gateway;
    } catch (RuntimeException | IOException e) {
      if (functions != null) {
        functions.close();
      }
      stores.close();
      if (e instanceof IOException io) {
        throw new UncheckedIOException(io);
      }
      throw (RuntimeException) e;
    }
  }

  public int port() {
    return server.port();
  }

  public Settings settings() {
    return settings;
  }

  private static void prepareDatabase(Settings settings) {
    try (ApplicationContext admin = FunctionContexts.start(FunctionEnvironments.ADMIN, settings)) {
      Migrations.apply(admin.getBean(DataSource.class));
      if (admin.getBean(DemoPerformance.class).seedIfAbsent(Clock.systemUTC().instant())) {
        LOG.info("seeded the demo performance");
      }
    }
  }

  /**
   * A local run without {@code TOKEN_SIGNING_KEY} signs with a random key of its own, kept in
   * {@code DATA_DIR} when set so tokens outlive a restart. Deployments always configure one.
   */
  private static String signingKey(Settings settings) {
    Optional<Path> file = settings.dataDir().map(dir -> Path.of(dir, "signing-key"));
    try {
      if (file.isPresent() && Files.isRegularFile(file.get())) {
        return Files.readString(file.get()).trim();
      }
      byte[] key = new byte[32];
      new SecureRandom().nextBytes(key);
      String encoded = Base64.getEncoder().encodeToString(key);
      if (file.isPresent()) {
        Files.createDirectories(file.get().getParent());
        Files.writeString(file.get(), encoded);
      }
      return encoded;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Optional<Path> frontendDir(Settings settings) {
    if (settings.frontendDir().isPresent()) {
      return settings.frontendDir().map(Path::of);
    }
    for (Path candidate : new Path[] {Path.of("frontend/dist"), Path.of("../../frontend/dist")}) {
      if (Files.isDirectory(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.of(Path.of("frontend/dist"));
  }

  @Override
  public void close() {
    try {
      schedule.close();
      server.close();
      functions.close();
    } finally {
      stores.close();
    }
  }
}
