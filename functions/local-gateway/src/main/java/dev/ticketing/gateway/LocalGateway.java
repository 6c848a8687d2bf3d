package dev.ticketing.gateway;

import dev.ticketing.catalog.DemoPerformance;
import dev.ticketing.db.Migrations;
import dev.ticketing.function.FunctionContexts;
import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.local.LocalStores;
import dev.ticketing.settings.InvalidSettingException;
import dev.ticketing.settings.Settings;
import io.micronaut.context.ApplicationContext;
import java.io.File;
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
  private final GatewaySettings gatewaySettings;

  private LocalGateway(
      LocalStores stores,
      LocalFunctions functions,
      GatewayServer server,
      AdvanceSchedule schedule,
      Settings settings,
      GatewaySettings gatewaySettings) {
    this.stores = stores;
    this.functions = functions;
    this.server = server;
    this.schedule = schedule;
    this.settings = settings;
    this.gatewaySettings = gatewaySettings;
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
    GatewaySettings own = GatewaySettings.from(env);
    LocalStores stores = LocalStores.start(env, own.dataDir().map(File::new));
    LocalFunctions functions = null;
    try {
      Map<String, String> resolved = new HashMap<>(stores.environment());
      resolved.putIfAbsent("TOKEN_SIGNING_KEY", signingKey(own));
      // A laptop under load is not ElastiCache next door: the Lambda defaults (250/100 ms) would
      // fail requests whenever the machine is busy, so a local run waits longer unless told not to.
      resolved.putIfAbsent("REDIS_COMMAND_TIMEOUT_MS", "2000");
      resolved.putIfAbsent("REDIS_CONNECT_TIMEOUT_MS", "2000");
      Settings settings = Settings.from(resolved);
      prepareDatabase(settings);
      functions = new LocalFunctions(settings, LocalOperators.credentials(env, own));
      StaticFiles spa = new StaticFiles(frontendDir(own));
      GatewayServer server =
          new GatewayServer(
              "0.0.0.0",
              own.port(),
              functions,
              spa,
              EdgeCache.standard(),
              GatewayLimits.standard(own.maxConnectionsPerClient()));
      server.start();
      AdvanceSchedule schedule =
          new AdvanceSchedule(functions, settings.queue().advanceIntervalSeconds());
      LocalGateway gateway = new LocalGateway(stores, functions, server, schedule, settings, own);
      LOG.info(
          "database: {}; redis: {}; lock strategy: {}; SPA: {}",
          stores.embeddedDatabase() ? "embedded MariaDB" : "DATABASE_URL",
          stores.embeddedRedis() ? "embedded Redis" : "REDIS_URL",
          settings.seats().lockStrategy().id(),
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

  GatewaySettings gatewaySettings() {
    return gatewaySettings;
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
  private static String signingKey(GatewaySettings settings) {
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

  private static Optional<Path> frontendDir(GatewaySettings settings) {
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
