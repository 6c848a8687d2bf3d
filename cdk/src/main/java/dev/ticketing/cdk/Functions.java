package dev.ticketing.cdk;

import dev.ticketing.routes.Function;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.events.targets.LambdaFunctionProps;
import software.amazon.awscdk.services.lambda.EventInvokeConfigOptions;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.triggers.InvocationType;
import software.amazon.awscdk.triggers.Trigger;
import software.constructs.Construct;

/**
 * The five service functions, the operator's admin function, the migration function run by a
 * trigger on deploy, and the schedule of the advancer.
 *
 * <p>Sizing (docs/performance.md, "Goal 5: cold and first requests"): Lambda gives CPU in
 * proportion to memory, one vCPU at {@value #ONE_VCPU_MB} MB, and a request's own work is
 * single-threaded and CPU-bound (its CPU is several times its wait on MySQL and Redis). Below one
 * vCPU its CPU time stretches by {@code 1769 / memory} while the bill (memory × duration) stays the
 * same, so each API function gets the memory at which its measured warm CPU per request
 * (HotPathBenchmark) runs in about 1 ms: {@code 1769 × CPU ms}, rounded up to 128 MB, at most one
 * vCPU (a second helps only the JIT and the GC, not the request), and at least 1024 MB because the
 * first request after a restore is hundreds of milliseconds of CPU (FirstRequests) that a smaller
 * share would stretch to seconds. Their 10 s timeout is far above a healthy request (single-digit
 * milliseconds of Redis, one short transaction) yet well inside API Gateway's 29 s integration
 * limit, so a stuck call fails as the function's own error rather than a gateway timeout. The
 * advancer's tick is a background step every {@code ADVANCE_INTERVAL_SECONDS} whose latency nobody
 * waits on: 512 MB (a tick's tens of milliseconds of CPU take ~3.5 times as long, far inside the
 * interval); its 70 s timeout covers one minute of ticks plus start-up. The migration gets 5
 * minutes for schema changes on a large table, the admin function as much for the audit of a large
 * sale.
 */
public final class Functions extends Construct {
  /** EventBridge's finest schedule; the advancer ticks inside each invocation. */
  public static final Duration SCHEDULE = Duration.minutes(1);

  /** The memory size at which Lambda gives a function one full vCPU. */
  static final int ONE_VCPU_MB = 1769;

  /** Client-side connections per execution environment, which serves one request at a time. */
  static final String DATABASE_POOL_SIZE = "2";

  private final Map<String, ServiceFunction> api = new LinkedHashMap<>();
  private final ServiceFunction advancer;
  private final ServiceFunction migration;
  private final ServiceFunction admin;
  private final SecurityGroup migrationGroup;
  private final Secret signingKey;
  private final Rule schedule;
  private final Trigger migrateOnDeploy;

  public Functions(
      Construct scope,
      String id,
      ProjectPaths paths,
      Network network,
      Database database,
      Cache cache,
      DeploymentSettings settings) {
    super(scope, id);
    // Settings reads the key as base64 of at least 32 bytes. Secrets Manager generates text, not
    // bytes; 64 alphanumeric characters are valid unpadded base64 (its alphabet minus + and /)
    // decoding to 48 bytes with about 381 bits of entropy.
    signingKey =
        GeneratedSecrets.alphanumeric(
            this,
            "TokenSigningKey",
            "HS256 key (base64) that signs queue tickets and access tokens");

    // Every service function starts the shared core context, which requires the database, Redis
    // and the signing key (FunctionContexts.requireDeployedStores), so all get the same variables
    // and may read the same three secrets; the database secret is the application user's, whose
    // account may only read and write rows (Database). What only reserve-seat reads (the lock
    // strategy and its tunables) is set on reserve-seat alone, so switching it republishes that
    // one function.
    Map<String, String> env = new LinkedHashMap<>();
    env.put("DATABASE_URL", database.jdbcUrl());
    env.put("DATABASE_SECRET_ARN", database.appSecret().getSecretArn());
    env.put("DATABASE_POOL_SIZE", DATABASE_POOL_SIZE);
    env.put("REDIS_URL", cache.primaryUrl());
    env.put("REDIS_READER_URL", cache.readerUrl());
    env.put("REDIS_AUTH_SECRET_ARN", cache.authToken().getSecretArn());
    env.put("TOKEN_SIGNING_KEY_SECRET_ARN", signingKey.getSecretArn());
    // The viewer's address as CloudFront's function writes it (the connection's is an edge's):
    // what the per-address join limit counts.
    env.put("CLIENT_ADDRESS_HEADER", Api.VIEWER_IP_HEADER);
    env.putAll(settings.functionTunables());

    for (ServiceFunction.Spec spec : apiSpecs()) {
      Map<String, String> own = new LinkedHashMap<>(env);
      if (spec.module().equals(Function.RESERVE_SEAT.module())) {
        own.putAll(settings.reserveSeatTunables());
      }
      ServiceFunction f = new ServiceFunction(this, idOf(spec.module()), spec, paths, network, own);
      grantSecrets(f, database.appSecret(), cache);
      signingKey.grantRead(f.function());
      api.put(spec.module(), f);
    }

    advancer =
        new ServiceFunction(
            this,
            "AdvanceQueue",
            new ServiceFunction.Spec(
                Function.ADVANCE_QUEUE.module(),
                Function.ADVANCE_QUEUE.handler(),
                "Admits the next tickets every ADVANCE_INTERVAL_SECONDS for a minute per invocation",
                512,
                Duration.seconds(70),
                true,
                1),
            paths,
            network,
            env);
    grantSecrets(advancer, database.appSecret(), cache);
    signingKey.grantRead(advancer.function());
    // A late or overlapping tick is worthless (the next minute brings a fresh one, and reserved
    // concurrency 1 throttles an overlap): drop it rather than let Lambda retry it for hours.
    advancer
        .alias()
        .configureAsyncInvoke(
            EventInvokeConfigOptions.builder()
                .retryAttempts(0)
                .maxEventAge(Duration.seconds(60))
                .build());
    schedule =
        Rule.Builder.create(this, "AdvanceSchedule")
            .description(
                "Starts the queue advancer every minute; it ticks every "
                    + settings.advanceIntervalSeconds()
                    + " s inside the invocation")
            .schedule(Schedule.rate(SCHEDULE))
            .targets(
                List.of(
                    new LambdaFunction(
                        advancer.alias(),
                        LambdaFunctionProps.builder()
                            .retryAttempts(0)
                            .maxEventAge(Duration.seconds(60))
                            .build())))
            .build();

    // The operator's commands (reset, audit, queue-status, set-capacity) as JSON through the AWS
    // CLI, as the application user through the proxy: no bastion needed, no more privilege than
    // the service's own. No token signing key: it issues no tokens.
    Map<String, String> adminEnv = new LinkedHashMap<>(env);
    adminEnv.remove("TOKEN_SIGNING_KEY_SECRET_ARN");
    admin =
        new ServiceFunction(
            this,
            "Admin",
            new ServiceFunction.Spec(
                Function.ADMIN.module(),
                Function.ADMIN_COMMANDS_HANDLER,
                "Operator commands as JSON: reset, audit, queue-status, set-capacity",
                1024,
                Duration.minutes(5),
                false,
                null),
            paths,
            network,
            adminEnv);
    grantSecrets(admin, database.appSecret(), cache);

    // The migration is the one function with the master user: it connects to the instance itself
    // (the proxy knows only the application user), from a security group of its own that only the
    // instance admits, and creates the application user from that user's secret.
    migrationGroup =
        SecurityGroup.Builder.create(this, "MigrationSg")
            .vpc(network.vpc())
            .description("Migration function: no ingress; egress to MySQL and AWS APIs")
            .allowAllOutbound(true)
            .build();
    database.admitMigration(migrationGroup);
    Map<String, String> migrationEnv = new LinkedHashMap<>();
    migrationEnv.put("DATABASE_URL", database.instanceJdbcUrl());
    migrationEnv.put("DATABASE_SECRET_ARN", database.secret().getSecretArn());
    migrationEnv.put("DATABASE_POOL_SIZE", "1");
    migrationEnv.put("APP_DATABASE_USER", Database.APP_USER);
    migrationEnv.put("APP_DATABASE_SECRET_ARN", database.appSecret().getSecretArn());
    migration =
        new ServiceFunction(
            this,
            "MigrateDatabase",
            new ServiceFunction.Spec(
                Function.ADMIN.module(),
                Function.ADMIN.handler(),
                "Applies pending Flyway migrations and sets up the application user; run by the"
                    + " deployment before the functions update",
                1024,
                Duration.minutes(5),
                false,
                null),
            paths,
            network,
            migrationGroup,
            migrationEnv);
    database.secret().grantRead(migration.function());
    database.appSecret().grantRead(migration.function());

    // Runs the migration whenever its code or settings change (new migrations ship in its jar),
    // after the database and proxy exist and before any alias moves to new code: a failed
    // migration fails the deployment and CloudFormation rolls back with the old functions still
    // serving.
    List<Construct> takesTraffic = new java.util.ArrayList<>();
    api.values().forEach(f -> takesTraffic.add(f.alias()));
    takesTraffic.add(advancer.alias());
    takesTraffic.add(admin.function());
    migrateOnDeploy =
        Trigger.Builder.create(this, "MigrateOnDeploy")
            .handler(migration.function())
            .invocationType(InvocationType.REQUEST_RESPONSE)
            .timeout(Duration.minutes(5))
            .executeOnHandlerChange(true)
            .executeAfter(List.of(database, network))
            .executeBefore(takesTraffic)
            .build();
  }

  private static void grantSecrets(ServiceFunction f, ISecret database, Cache cache) {
    database.grantRead(f.function());
    cache.authToken().grantRead(f.function());
  }

  static List<ServiceFunction.Spec> apiSpecs() {
    return List.of(
        apiSpec(
            Function.ISSUE_TICKET,
            "POST /api/performances/{id}/queue: joins the virtual queue",
            ISSUE_TICKET_MB),
        apiSpec(
            Function.POLL_POSITION,
            "GET|DELETE /api/performances/{id}/queue: position, admission, leaving",
            POLL_POSITION_MB),
        apiSpec(
            Function.LIST_SEATS,
            "GET /api/performances[/{id}[/seats]]: catalog and live seat map",
            LIST_SEATS_MB),
        apiSpec(
            Function.RESERVE_SEAT,
            "POST /api/performances/{id}/reservations: reserves seats",
            RESERVE_SEAT_MB));
  }

  // Warm CPU per request × 1769 MB per ms, rounded up to 128 MB, within [1024, 1769]
  // (docs/performance.md, "Goal 5"): 0.50 ms, 0.22 ms, 0.92 ms (full map), 2.4-2.9 ms.
  static final int ISSUE_TICKET_MB = 1024;
  static final int POLL_POSITION_MB = 1024;
  static final int LIST_SEATS_MB = 1664;
  static final int RESERVE_SEAT_MB = ONE_VCPU_MB;

  private static ServiceFunction.Spec apiSpec(Function function, String description, int memoryMb) {
    return new ServiceFunction.Spec(
        function.module(),
        function.handler(),
        description,
        memoryMb,
        Duration.seconds(10),
        true,
        null);
  }

  private static String idOf(String module) {
    StringBuilder b = new StringBuilder();
    for (String part : module.split("-")) {
      b.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
    }
    return b.toString();
  }

  /** The API functions by module name: issue-ticket, poll-position, list-seats, reserve-seat. */
  public ServiceFunction api(String module) {
    ServiceFunction f = api.get(module);
    if (f == null) {
      throw new IllegalArgumentException("no API function " + module);
    }
    return f;
  }

  public Map<String, ServiceFunction> api() {
    return api;
  }

  public ServiceFunction advancer() {
    return advancer;
  }

  public ServiceFunction migration() {
    return migration;
  }

  /** The operator's commands ({@code scripts/admin-aws}). */
  public ServiceFunction admin() {
    return admin;
  }

  public SecurityGroup migrationGroup() {
    return migrationGroup;
  }

  public Secret signingKey() {
    return signingKey;
  }

  public Rule schedule() {
    return schedule;
  }

  public Trigger migrateOnDeploy() {
    return migrateOnDeploy;
  }
}
