package dev.ticketing.cdk;

import dev.ticketing.routes.Function;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.events.targets.LambdaFunctionProps;
import software.amazon.awscdk.services.lambda.EventInvokeConfigOptions;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.triggers.InvocationType;
import software.amazon.awscdk.triggers.Trigger;
import software.constructs.Construct;

/**
 * The five service functions, the migration function run by a trigger on deploy, and the schedule
 * of the advancer.
 *
 * <p>Sizing: the API functions get 1024 MB because Lambda gives CPU in proportion to memory and
 * their latency is CPU-bound (JSON, JWT HMAC, TLS to Redis and the proxy); 1024 MB restored from a
 * SnapStart snapshot answers in tens of milliseconds, and more memory buys little. Their 10 s
 * timeout is far above a healthy request (single-digit milliseconds of Redis, one short
 * transaction) yet well inside API Gateway's 29 s integration limit, so a stuck call fails as the
 * function's own error rather than a gateway timeout. The advancer's loop does a few small Lua
 * calls every {@code ADVANCE_INTERVAL_SECONDS}: 512 MB is plenty; its 70 s timeout covers one
 * minute of ticks plus start-up. The migration gets 5 minutes for schema changes on a large table.
 */
public final class Functions extends Construct {
  /** EventBridge's finest schedule; the advancer ticks inside each invocation. */
  public static final Duration SCHEDULE = Duration.minutes(1);

  /** Client-side connections per execution environment, which serves one request at a time. */
  static final String DATABASE_POOL_SIZE = "2";

  private final Map<String, ServiceFunction> api = new LinkedHashMap<>();
  private final ServiceFunction advancer;
  private final ServiceFunction migration;
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

    // Every deployed function starts the shared core context, which requires the database, Redis
    // and the signing key (FunctionContexts.requireDeployedStores), so all get the same variables
    // and may read the same three secrets.
    Map<String, String> env = new LinkedHashMap<>();
    env.put("DATABASE_URL", database.jdbcUrl());
    env.put("DATABASE_SECRET_ARN", database.secret().getSecretArn());
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
      ServiceFunction f = new ServiceFunction(this, idOf(spec.module()), spec, paths, network, env);
      grantSecrets(f, database, cache);
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
    grantSecrets(advancer, database, cache);
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

    migration =
        new ServiceFunction(
            this,
            "MigrateDatabase",
            new ServiceFunction.Spec(
                Function.ADMIN.module(),
                Function.ADMIN.handler(),
                "Applies pending Flyway migrations; run by the deployment before the functions update",
                1024,
                Duration.minutes(5),
                false,
                null),
            paths,
            network,
            env);
    grantSecrets(migration, database, cache);

    // Runs the migration whenever its code changes (new migrations ship in its jar), after the
    // database and proxy exist and before any alias moves to new code: a failed migration fails
    // the deployment and CloudFormation rolls back with the old functions still serving.
    List<Construct> takesTraffic = new java.util.ArrayList<>();
    api.values().forEach(f -> takesTraffic.add(f.alias()));
    takesTraffic.add(advancer.alias());
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

  private void grantSecrets(ServiceFunction f, Database database, Cache cache) {
    database.secret().grantRead(f.function());
    cache.authToken().grantRead(f.function());
    signingKey.grantRead(f.function());
  }

  static List<ServiceFunction.Spec> apiSpecs() {
    return List.of(
        apiSpec(
            Function.ISSUE_TICKET, "POST /api/performances/{id}/queue: joins the virtual queue"),
        apiSpec(
            Function.POLL_POSITION,
            "GET|DELETE /api/performances/{id}/queue: position, admission, leaving"),
        apiSpec(
            Function.LIST_SEATS, "GET /api/performances[/{id}[/seats]]: catalog and live seat map"),
        apiSpec(Function.RESERVE_SEAT, "POST /api/performances/{id}/reservations: reserves seats"));
  }

  private static ServiceFunction.Spec apiSpec(Function function, String description) {
    return new ServiceFunction.Spec(
        function.module(), function.handler(), description, 1024, Duration.seconds(10), true, null);
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
