package dev.ticketing.snapstart;

import dev.ticketing.config.Secrets;
import dev.ticketing.db.DatabaseCredentials;
import io.micronaut.context.annotation.Requires;
import io.micronaut.crac.OrderedResource;
import jakarta.inject.Singleton;
import org.crac.Context;
import org.crac.Resource;

/**
 * Keeps secrets out of the snapshot: forgets them before the checkpoint, after everything else
 * (priming still signs a token), and reads them again first thing after restore, before the pool
 * resumes, Redis reconnects or a request arrives. A restore that cannot read them fails, so Lambda
 * discards the instance instead of serving without a key.
 */
@Singleton
@Requires(beans = Secrets.class)
public class SecretsResource implements OrderedResource {
  /** Lowest order: last before the checkpoint, first after restore. */
  public static final int ORDER = Integer.MIN_VALUE;

  private final Secrets secrets;
  private final DatabaseCredentials database;

  public SecretsResource(Secrets secrets, DatabaseCredentials database) {
    this.secrets = secrets;
    this.database = database;
  }

  @Override
  public void beforeCheckpoint(Context<? extends Resource> context) {
    secrets.forget();
    database.forget();
  }

  @Override
  public void afterRestore(Context<? extends Resource> context) {
    secrets.reload();
    database.restore();
  }

  @Override
  public int getOrder() {
    return ORDER;
  }
}
