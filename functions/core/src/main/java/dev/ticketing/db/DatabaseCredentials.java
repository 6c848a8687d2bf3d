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
import java.util.List;
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

  public DatabaseCredentials(Secrets secrets, BeanContext beans) {
    this.secrets = secrets;
    this.beans = beans;
  }

  @Override
  public DatasourceConfiguration onCreated(BeanCreatedEvent<DatasourceConfiguration> event) {
    DatasourceConfiguration config = event.getBean();
    String url = config.getJdbcUrl();
    if (config.getDataSource() == null && url != null && !url.isEmpty()) {
      MysqlDataSource driver = new MysqlDataSource();
      driver.setURL(url);
      config.setDataSource(driver);
    }
    config.setPassword(secrets.databasePassword().orElse(null));
    configurations.add(config);
    return config;
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
}
