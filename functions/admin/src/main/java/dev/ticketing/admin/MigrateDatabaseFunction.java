package dev.ticketing.admin;

import dev.ticketing.db.Migrations;
import dev.ticketing.function.FunctionContexts;
import dev.ticketing.function.FunctionEnvironments;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Lambda handler run by the deployment (a CDK trigger) before new functions take traffic: applies
 * pending migrations and reports the schema version.
 */
public class MigrateDatabaseFunction
    extends MicronautRequestHandler<Map<String, Object>, MigrationReport> {
  @Inject DataSource dataSource;

  public MigrateDatabaseFunction() {
    super(FunctionContexts.startFromEnvironment(FunctionEnvironments.ADMIN));
  }

  public MigrateDatabaseFunction(ApplicationContext context) {
    super(context);
  }

  @Override
  public MigrationReport execute(Map<String, Object> input) {
    Migrations.Result result = Migrations.apply(dataSource);
    return new MigrationReport(result.applied(), result.schemaVersion());
  }
}
