package dev.ticketing.cdk;

import static dev.ticketing.cdk.Json.at;
import static dev.ticketing.cdk.Json.list;
import static dev.ticketing.cdk.Json.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ticketing.settings.Settings;
import dev.ticketing.settings.StoreSettings;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FunctionsTest {
  private final Synthesized s = Synthesized.defaults();

  /** The five service functions and their handlers. */
  private Map<ServiceFunction, String> serviceFunctions(Synthesized s) {
    Map<ServiceFunction, String> f = new LinkedHashMap<>();
    Functions fs = s.stack.functions();
    f.put(fs.api("issue-ticket"), "dev.ticketing.issueticket.IssueTicketFunction::handleRequest");
    f.put(
        fs.api("poll-position"), "dev.ticketing.pollposition.PollPositionFunction::handleRequest");
    f.put(fs.api("list-seats"), "dev.ticketing.listseats.ListSeatsFunction::handleRequest");
    f.put(fs.api("reserve-seat"), "dev.ticketing.reserveseat.ReserveSeatFunction::handleRequest");
    f.put(fs.advancer(), "dev.ticketing.advancequeue.AdvanceQueueFunction::handleRequest");
    return f;
  }

  @Test
  void fiveFunctionsRunTheirOwnJarsOnJava21WithSnapStartOnPublishedVersions() {
    Set<Object> code = new HashSet<>();
    for (Map.Entry<ServiceFunction, String> e : serviceFunctions(s).entrySet()) {
      Map<String, Object> p = s.properties(e.getKey().function());
      assertEquals("java21", p.get("Runtime"));
      assertEquals(e.getValue(), p.get("Handler"));
      assertEquals(Map.of("ApplyOn", "PublishedVersions"), p.get("SnapStart"));
      code.add(at(p, "Code", "S3Key"));
    }
    assertEquals(5, code.size(), "each function ships its own jar");
  }

  @Test
  void everyFunctionIsInvokedThroughAnAliasOnAPublishedVersion() {
    for (ServiceFunction f : serviceFunctions(s).keySet()) {
      Map<String, Object> alias = s.properties(f.alias());
      assertEquals("live", alias.get("Name"));
      assertEquals(s.ref(f.function()), alias.get("FunctionName"));
      String version = (String) at(alias, "FunctionVersion", "Fn::GetAtt", 0);
      assertEquals("AWS::Lambda::Version", s.resource(version).get("Type"));
      assertEquals(s.ref(f.function()), s.properties(version).get("FunctionName"));
    }
    s.template.resourceCountIs("AWS::Lambda::Alias", 5);
  }

  @Test
  void
      apiFunctionsGetTheMemoryTheirCpuPerRequestCallsForAndTenSecondsAndTheAdvancerAMinuteOfTicks() {
    // docs/performance.md, "Goal 5": warm CPU per request × 1769 MB/ms, rounded up, in [1024,
    // 1769].
    Map<String, Integer> memory =
        Map.of(
            "issue-ticket", 1024, "poll-position", 1024, "list-seats", 1664, "reserve-seat", 1769);
    for (String module : List.of("issue-ticket", "poll-position", "list-seats", "reserve-seat")) {
      Map<String, Object> p = s.properties(s.stack.functions().api(module).function());
      assertEquals(memory.get(module), p.get("MemorySize"), module);
      assertEquals(10, p.get("Timeout"), module);
      assertNull(p.get("ReservedConcurrentExecutions"), module);
    }
    Map<String, Object> advancer = s.properties(s.stack.functions().advancer().function());
    assertEquals(512, advancer.get("MemorySize"));
    assertEquals(1, advancer.get("ReservedConcurrentExecutions"));
    int timeout = (Integer) advancer.get("Timeout");
    assertTrue(timeout > 60 && timeout <= 90, "a minute of ticks plus start-up: " + timeout);
    assertEquals("5", at(advancer, "Environment", "Variables", "ADVANCE_INTERVAL_SECONDS"));
  }

  @Test
  void functionsGetTheDeploymentSettingsAndNameTheirSecretsByArn() {
    Map<String, Object> env =
        map(
            at(
                s.properties(s.stack.functions().api("reserve-seat").function()),
                "Environment",
                "Variables"));
    Settings defaults = Settings.from(Map.of());
    assertEquals(defaults.seats().lockStrategy().id(), env.get("LOCK_STRATEGY"));
    assertEquals(Integer.toString(defaults.queue().capacity()), env.get("QUEUE_CAPACITY"));
    assertEquals(
        Integer.toString(defaults.queue().retentionSeconds()), env.get("RETENTION_SECONDS"));
    assertEquals(
        Integer.toString(defaults.queue().claimWindowSeconds()), env.get("CLAIM_WINDOW_SECONDS"));
    assertEquals(
        Integer.toString(defaults.queue().sessionTtlSeconds()), env.get("SESSION_TTL_SECONDS"));
    assertEquals(
        Integer.toString(defaults.seats().maxSeatsPerHolder()), env.get("MAX_SEATS_PER_HOLDER"));
    assertEquals("250", env.get("REDIS_COMMAND_TIMEOUT_MS"));
    assertEquals("100", env.get("REDIS_CONNECT_TIMEOUT_MS"));
    assertEquals(s.ref(s.stack.functions().signingKey()), env.get("TOKEN_SIGNING_KEY_SECRET_ARN"));
    assertEquals(
        Json.write(s.stack.resolve(s.stack.database().appSecret().getSecretArn())),
        Json.write(env.get("DATABASE_SECRET_ARN")));
    for (Object value : env.values()) {
      assertFalse(Json.write(value).contains("resolve:secretsmanager"), "no secret value in env");
    }
  }

  @Test
  void theLockStrategyAndTunablesComeFromCdkContextAndTheStrategyOnlyToReserveSeat() {
    Synthesized v = Synthesized.variant();
    for (ServiceFunction f : serviceFunctions(v).keySet()) {
      Map<String, Object> env = map(at(v.properties(f.function()), "Environment", "Variables"));
      assertEquals("250", env.get("QUEUE_CAPACITY"));
      boolean reserveSeat = f == v.stack.functions().api("reserve-seat");
      assertEquals(reserveSeat ? "optimistic" : null, env.get("LOCK_STRATEGY"), f.spec().module());
    }
  }

  @Test
  void switchingTheLockStrategyRepublishesReserveSeatAloneAndRerunsNoMigration() {
    Synthesized switched = Synthesized.strategySwitched();
    for (ServiceFunction f : serviceFunctions(s).keySet()) {
      String module = f.spec().module();
      ServiceFunction other =
          module.equals("advance-queue")
              ? switched.stack.functions().advancer()
              : switched.stack.functions().api(module);
      String version = (String) at(s.properties(f.alias()), "FunctionVersion", "Fn::GetAtt", 0);
      String switchedVersion =
          (String) at(switched.properties(other.alias()), "FunctionVersion", "Fn::GetAtt", 0);
      if (module.equals("reserve-seat")) {
        assertFalse(version.equals(switchedVersion), "reserve-seat publishes a new version");
        assertEquals(
            "pessimistic",
            at(switched.properties(other.function()), "Environment", "Variables", "LOCK_STRATEGY"));
      } else {
        assertEquals(version, switchedVersion, module + " keeps its published version");
        assertEquals(
            Json.write(s.properties(f.function())),
            Json.write(switched.properties(other.function())),
            module + " is not updated at all");
      }
    }
    for (ServiceFunction f :
        List.of(s.stack.functions().migration(), s.stack.functions().admin())) {
      String id = s.logicalId(f.function());
      assertEquals(
          Json.write(s.properties(id)),
          Json.write(switched.properties(id)),
          f.spec().handler() + " is unchanged, so the migration trigger does not run again");
    }
  }

  @Test
  void theMigrationAloneConnectsAsTheMasterUserToTheInstanceItself() {
    Map<String, Object> migration = s.properties(s.stack.functions().migration().function());
    Map<String, Object> env = map(at(migration, "Environment", "Variables"));
    assertEquals(
        Json.write(s.stack.resolve(s.stack.database().secret().getSecretArn())),
        Json.write(env.get("DATABASE_SECRET_ARN")));
    assertEquals(
        Json.write(s.stack.resolve(s.stack.database().appSecret().getSecretArn())),
        Json.write(env.get("APP_DATABASE_SECRET_ARN")));
    assertEquals("ticketing_app", env.get("APP_DATABASE_USER"));
    assertTrue(
        Json.write(env.get("DATABASE_URL"))
            .contains(s.logicalId(s.stack.database().instance()) + "\",\"Endpoint.Address"),
        "straight to the instance: " + env.get("DATABASE_URL"));
    assertEquals(
        List.of(s.getAtt(s.stack.functions().migrationGroup(), "GroupId")),
        at(migration, "VpcConfig", "SecurityGroupIds"));
    s.template.hasResourceProperties(
        "AWS::EC2::SecurityGroupIngress",
        Map.of(
            "GroupId",
            s.getAtt(s.stack.database().instanceGroup(), "GroupId"),
            "SourceSecurityGroupId",
            s.getAtt(s.stack.functions().migrationGroup(), "GroupId"),
            "FromPort",
            3306,
            "ToPort",
            3306));

    String master = Json.write(s.stack.resolve(s.stack.database().secret().getSecretArn()));
    List<ServiceFunction> others = new java.util.ArrayList<>(serviceFunctions(s).keySet());
    others.add(s.stack.functions().admin());
    for (ServiceFunction f : others) {
      assertFalse(
          Json.write(s.properties(f.function())).contains(master),
          f.spec().module() + " must not name the master secret");
      assertFalse(
          readableSecrets(f)
              .contains(
                  (String) at(s.stack.resolve(s.stack.database().secret().getSecretArn()), "Ref")),
          f.spec().module() + " must not read the master secret");
    }
  }

  @Test
  void everyFunctionIsTracedByXRay() {
    List<ServiceFunction> all = new java.util.ArrayList<>(serviceFunctions(s).keySet());
    all.add(s.stack.functions().admin());
    all.add(s.stack.functions().migration());
    for (ServiceFunction f : all) {
      assertEquals(
          Map.of("Mode", "Active"),
          s.properties(f.function()).get("TracingConfig"),
          f.spec().module());
    }
  }

  @Test
  void theAdminFunctionRunsTheOperatorsJsonCommandsAsTheApplicationUser() {
    Map<String, Object> admin = s.properties(s.stack.functions().admin().function());
    assertEquals(dev.ticketing.routes.Function.ADMIN_COMMANDS_HANDLER, admin.get("Handler"));
    Map<String, Object> env = map(at(admin, "Environment", "Variables"));
    assertEquals(
        Json.write(s.stack.resolve(s.stack.database().jdbcUrl())),
        Json.write(env.get("DATABASE_URL")),
        "through the proxy");
    assertNull(env.get("TOKEN_SIGNING_KEY_SECRET_ARN"), "it signs no tokens");
    String app = (String) at(s.stack.resolve(s.stack.database().appSecret().getSecretArn()), "Ref");
    assertEquals(
        Set.of(app, s.logicalId(s.stack.cache().authToken())),
        readableSecrets(s.stack.functions().admin()));
  }

  @Test
  void theSigningKeyIsGeneratedAsBase64OfMoreThan32Bytes() {
    Map<String, Object> generator =
        map(s.properties(s.stack.functions().signingKey()).get("GenerateSecretString"));
    assertEquals(true, generator.get("ExcludePunctuation"));
    int length = (Integer) generator.get("PasswordLength");
    // Alphanumeric text of a length divisible by 4 is unpadded base64.
    assertEquals(0, length % 4);
    assertTrue(
        length / 4 * 3 >= StoreSettings.MIN_SIGNING_KEY_BYTES, "decodes to " + length / 4 * 3);
    byte[] sample = java.util.Base64.getDecoder().decode("A1b2".repeat(length / 4));
    assertTrue(sample.length >= StoreSettings.MIN_SIGNING_KEY_BYTES);
  }

  @Test
  void theJoinLimitCountsTheViewersAddressThatCloudFrontWrites() {
    for (String module : List.of("issue-ticket", "poll-position")) {
      Map<String, Object> env =
          map(
              at(
                  s.properties(s.stack.functions().api(module).function()),
                  "Environment",
                  "Variables"));
      assertEquals(Api.VIEWER_IP_HEADER, env.get("CLIENT_ADDRESS_HEADER"), module);
    }
  }

  @Test
  void everyServiceFunctionMayReadExactlyTheThreeSecretsItsSettingsName() {
    String db = (String) at(s.stack.resolve(s.stack.database().appSecret().getSecretArn()), "Ref");
    String redis = s.logicalId(s.stack.cache().authToken());
    String key = s.logicalId(s.stack.functions().signingKey());
    String master = (String) at(s.stack.resolve(s.stack.database().secret().getSecretArn()), "Ref");
    assertEquals(Set.of(master, db), readableSecrets(s.stack.functions().migration()));
    for (ServiceFunction f : serviceFunctions(s).keySet()) {
      assertEquals(Set.of(db, redis, key), readableSecrets(f), f.getNode().getPath());
      Map<String, Object> env = map(at(s.properties(f.function()), "Environment", "Variables"));
      assertEquals(Map.of("Ref", db), env.get("DATABASE_SECRET_ARN"));
      assertEquals(Map.of("Ref", redis), env.get("REDIS_AUTH_SECRET_ARN"));
      assertEquals(Map.of("Ref", key), env.get("TOKEN_SIGNING_KEY_SECRET_ARN"));
    }
  }

  private Set<String> readableSecrets(ServiceFunction f) {
    String role = s.logicalId(f.function().getRole());
    Set<String> secrets = new HashSet<>();
    for (String policy : s.ofType("AWS::IAM::Policy")) {
      Map<String, Object> p = s.properties(policy);
      if (!list(p.get("Roles")).contains(Map.of("Ref", role))) {
        continue;
      }
      for (Object statement : list(at(p, "PolicyDocument", "Statement"))) {
        Object action = map(statement).get("Action");
        if (Json.write(action).contains("secretsmanager:GetSecretValue")) {
          Object resource = map(statement).get("Resource");
          for (Object r : resource instanceof List<?> l ? l : List.of(resource)) {
            secrets.add((String) map(r).get("Ref"));
          }
        }
      }
    }
    return secrets;
  }

  @Test
  void migrationsRunOnDeployBeforeAnyAliasMovesToNewCode() {
    String trigger = s.logicalId(s.stack.functions().migrateOnDeploy());
    Map<String, Object> t = s.resource(trigger);
    assertEquals("Custom::Trigger", t.get("Type"));
    Map<String, Object> p = s.properties(trigger);
    assertEquals(true, p.get("ExecuteOnHandlerChange"));
    assertEquals("RequestResponse", p.get("InvocationType"));
    String version = (String) at(p, "HandlerArn", "Ref");
    assertEquals(
        s.ref(s.stack.functions().migration().function()),
        s.properties(version).get("FunctionName"));
    assertEquals(
        "dev.ticketing.admin.MigrateDatabaseFunction::handleRequest",
        s.properties(s.stack.functions().migration().function()).get("Handler"));

    List<Object> after = list(t.get("DependsOn"));
    assertTrue(after.contains(s.logicalId(s.stack.database().instance())), "after the database");
    assertTrue(after.contains(s.logicalId(s.stack.database().proxy())), "after the proxy");
    for (ServiceFunction f : serviceFunctions(s).keySet()) {
      assertTrue(
          list(s.resource(s.logicalId(f.alias())).get("DependsOn")).contains(trigger),
          f.alias().getNode().getPath() + " must wait for the migration");
    }
  }

  @Test
  void eventBridgeStartsTheAdvancerEveryMinuteWithoutRetries() {
    Map<String, Object> rule = s.properties(s.stack.functions().schedule());
    assertEquals("rate(1 minute)", rule.get("ScheduleExpression"));
    assertEquals("ENABLED", rule.get("State"));
    Map<String, Object> target = map(list(rule.get("Targets")).get(0));
    assertEquals(s.ref(s.stack.functions().advancer().alias()), target.get("Arn"));
    assertEquals(0, at(target, "RetryPolicy", "MaximumRetryAttempts"));
    s.template.hasResourceProperties(
        "AWS::Lambda::Permission",
        Map.of(
            "Action", "lambda:InvokeFunction",
            "Principal", "events.amazonaws.com",
            "FunctionName", s.ref(s.stack.functions().advancer().alias())));
    s.template.hasResourceProperties(
        "AWS::Lambda::EventInvokeConfig",
        Map.of(
            "FunctionName", s.ref(s.stack.functions().advancer().function()),
            "MaximumRetryAttempts", 0,
            "MaximumEventAgeInSeconds", 60));
  }
}
