package dev.ticketing.admin;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/**
 * Lambda handler run by the deployment (a CDK trigger) before new functions take traffic, as the
 * database's master user: applies pending migrations, then sets up the application user the other
 * functions connect as. It reads its settings and secrets on every invocation, so a rotated master
 * password is never stale in a warm instance.
 */
public class MigrateDatabaseFunction
    implements RequestHandler<Map<String, Object>, Map<String, Object>> {
  private final AdminStores stores;

  public MigrateDatabaseFunction() {
    this(System.getenv());
  }

  MigrateDatabaseFunction(Map<String, String> env) {
    stores = new AdminStores(env, System.out);
  }

  /**
   * The report as a map: the Lambda runtime serializes maps with its own JSON library (whatever it
   * makes of a record), and the deployment only needs the invocation to succeed.
   */
  @Override
  public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
    return migrate().asMap();
  }

  MigrationReport migrate() {
    try {
      var settings = stores.settings();
      return stores.with(settings, ctx -> Migration.run(ctx, settings));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
