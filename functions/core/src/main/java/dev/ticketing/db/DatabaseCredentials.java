package dev.ticketing.db;

import com.mysql.cj.jdbc.MysqlDataSource;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.ticketing.config.Secrets;
import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.BeanContext;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * Gives the Hikari pool its password from {@link Secrets} and takes it away again for a snapshot.
 *
 * <p>Hikari's own driver wrapper copies the password it starts with into its driver properties for
 * good; the pool therefore connects through a {@link MysqlDataSource} that knows only the URL, and
 * hands it the credentials of the pool's configuration on each new connection. Clearing them there
 * (and in Micronaut's configuration bean) leaves no copy in the pool.
 */
@Singleton
@Requires(beans = Secrets.class)
public class DatabaseCredentials implements BeanCreatedEventListener<DatasourceConfiguration> {
  private final Secrets secrets;
  private final BeanContext beans;
  private final List<DatasourceConfiguration> configurations = new CopyOnWriteArrayList<>();
  private final Clock clock = Clock.systemUTC();
  private Instant lastReload;

  /** The shortest time between two reads of a rotated password from Secrets Manager. */
  static final Duration RELOAD_INTERVAL = Duration.ofSeconds(10);

  public DatabaseCredentials(Secrets secrets, BeanContext beans) {
    this.secrets = secrets;
    this.beans = beans;
  }

  @Override
  public DatasourceConfiguration onCreated(BeanCreatedEvent<DatasourceConfiguration> event) {
    DatasourceConfiguration config = event.getBean();
    String url = config.getJdbcUrl();
    if (config.getDataSource() == null && url != null && !url.isEmpty()) {
      MysqlDataSource driver = new RotationAwareDataSource(this);
      driver.setURL(url);
      config.setDataSource(driver);
    }
    config.setPassword(secrets.databasePassword().orElse(null));
    configurations.add(config);
    return config;
  }

  /**
   * The password to try after the database refused {@code denied}: the one the secret holds now,
   * when it differs (the secret was rotated while this instance ran). Secrets Manager is asked at
   * most once per {@link #RELOAD_INTERVAL}, however many connections are refused.
   */
  synchronized Optional<String> passwordAfterDenial(String denied) {
    Optional<String> current = secrets.databasePassword();
    if (current.isPresent() && !current.get().equals(denied)) {
      return current;
    }
    Instant now = clock.instant();
    if (lastReload != null && now.isBefore(lastReload.plus(RELOAD_INTERVAL))) {
      return Optional.empty();
    }
    lastReload = now;
    Optional<String> reloaded = secrets.reloadDatabasePassword();
    if (reloaded.isEmpty() || reloaded.get().equals(denied)) {
      return Optional.empty();
    }
    restore();
    return reloaded;
  }

  /** Removes the password from the configuration and from every pool already started. */
  public void forget() {
    configs().forEach(c -> c.setPassword(null));
  }

  /** Gives the started pools the password {@link Secrets} holds now (reloaded after restore). */
  public void restore() {
    String password = secrets.databasePassword().orElse(null);
    pools().forEach(p -> p.setPassword(password));
  }

  /** The pools already created; creating one here would connect during a snapshot. */
  public List<HikariDataSource> pools() {
    DataSourceResolver resolver = beans.findBean(DataSourceResolver.class).orElse(null);
    return beans.getActiveBeanRegistrations(DataSource.class).stream()
        .map(r -> resolver == null ? r.getBean() : resolver.resolve(r.getBean()))
        .filter(HikariDataSource.class::isInstance)
        .map(HikariDataSource.class::cast)
        .distinct()
        .toList();
  }

  public List<DatasourceConfiguration> configurations() {
    return List.copyOf(configurations);
  }

  private Stream<HikariConfig> configs() {
    return Stream.concat(configurations.stream(), pools().stream());
  }

  /**
   * The driver the pool opens connections with. When the database refuses the password (MySQL error
   * 1045: the secret was rotated since this instance read it), it asks for the secret's current
   * password once and tries again, so a rotation never needs a redeploy.
   */
  static final class RotationAwareDataSource extends MysqlDataSource {
    private static final long serialVersionUID = 1L;
    static final int ACCESS_DENIED = 1045;

    private final transient DatabaseCredentials credentials;

    RotationAwareDataSource(DatabaseCredentials credentials) {
      this.credentials = credentials;
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
      try {
        return super.getConnection(user, password);
      } catch (SQLException e) {
        if (e.getErrorCode() != ACCESS_DENIED) {
          throw e;
        }
        Optional<String> fresh = credentials.passwordAfterDenial(password);
        if (fresh.isEmpty()) {
          throw e;
        }
        return super.getConnection(user, fresh.get());
      }
    }
  }
}
