package dev.ticketing.cdk;

import static dev.ticketing.cdk.Json.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;

class DataStoresTest {
  private final Synthesized s = Synthesized.defaults();

  @Test
  void mysqlIsMultiAzEncryptedBackedUpAndDeletionProtected() {
    s.template.hasResourceProperties(
        "AWS::RDS::DBInstance",
        Map.of(
            "Engine",
            "mysql",
            "EngineVersion",
            Match.stringLikeRegexp("^8\\.4\\..*"),
            "MultiAZ",
            true,
            "StorageEncrypted",
            true,
            "PubliclyAccessible",
            false,
            "DeletionProtection",
            true,
            "DBName",
            "ticketing",
            "BackupRetentionPeriod",
            7));
    String id = s.logicalId(s.stack.database().instance());
    assertEquals("Snapshot", s.resource(id).get("DeletionPolicy"));
  }

  @Test
  void mysqlCredentialsAreGeneratedIntoSecretsManager() {
    Map<String, Object> db = s.properties(s.stack.database().instance());
    assertTrue(
        Json.write(db.get("MasterUserPassword")).contains("{{resolve:secretsmanager:"),
        "password must be a Secrets Manager reference: " + db.get("MasterUserPassword"));
    s.template.hasResourceProperties(
        "AWS::SecretsManager::Secret",
        Map.of(
            "GenerateSecretString",
            Match.objectLike(
                Map.of(
                    "GenerateStringKey",
                    "password",
                    "SecretStringTemplate",
                    Match.stringLikeRegexp(".*username.*")))));
  }

  @Test
  void deletionProtectionCanBeTurnedOffForTestStacks() {
    Synthesized v = Synthesized.variant();
    String id = v.logicalId(v.stack.database().instance());
    assertEquals(false, v.properties(id).get("DeletionProtection"));
    assertEquals("Delete", v.resource(id).get("DeletionPolicy"));
  }

  @Test
  void rdsProxyFrontsTheInstanceWithTlsAndKnowsOnlyTheApplicationUser() {
    Map<String, Object> proxy = s.properties(s.stack.database().proxy());
    assertEquals("MYSQL", proxy.get("EngineFamily"));
    assertEquals(true, proxy.get("RequireTLS"));
    List<Object> auth = Json.list(proxy.get("Auth"));
    assertEquals(1, auth.size(), "one account: " + auth);
    assertEquals("SECRETS", at(auth, 0, "AuthScheme"));
    assertEquals("MYSQL_CACHING_SHA2_PASSWORD", at(auth, 0, "ClientPasswordAuthType"));
    assertEquals(
        Json.write(s.stack.resolve(s.stack.database().appSecret().getSecretArn())),
        Json.write(at(auth, 0, "SecretArn")));
    s.template.hasResourceProperties(
        "AWS::RDS::DBProxyTargetGroup",
        Map.of(
            "DBProxyName",
            s.ref(s.stack.database().proxy()),
            "DBInstanceIdentifiers",
            List.of(s.ref(s.stack.database().instance())),
            "ConnectionPoolConfigurationInfo",
            Match.objectLike(Map.of("SessionPinningFilters", List.of("EXCLUDE_VARIABLE_SETS")))));
  }

  @Test
  void theProxyAppliesTheFunctionsSessionSettingsToEveryDatabaseConnection() {
    Object initSql =
        dev.ticketing.settings.Settings.from(Map.of()).seats().connectionInitSql().orElseThrow();
    Map<String, Object> group = s.properties(s.ofType("AWS::RDS::DBProxyTargetGroup").get(0));
    assertEquals(initSql, at(group, "ConnectionPoolConfigurationInfo", "InitQuery"));
  }

  @Test
  void functionsConnectToMysqlThroughTheProxy() {
    Object url =
        at(
            s.properties(s.stack.functions().api("reserve-seat").function()),
            "Environment",
            "Variables",
            "DATABASE_URL");
    assertEquals(
        Map.of(
            "Fn::Join",
            List.of(
                "",
                List.of(
                    "jdbc:mysql://",
                    s.getAtt(s.stack.database().proxy(), "Endpoint"),
                    ":3306/ticketing"))),
        url);
  }

  @Test
  void redisHasAPrimaryAndTwoReplicasWithAutomaticFailoverAcrossZones() {
    s.template.hasResourceProperties(
        "AWS::ElastiCache::ReplicationGroup",
        Map.of(
            "Engine",
            "redis",
            "NumCacheClusters",
            3,
            "AutomaticFailoverEnabled",
            true,
            "MultiAZEnabled",
            true));
  }

  @Test
  void redisEncryptsAtRestAndInTransitAndRequiresTheAuthTokenFromSecretsManager() {
    Map<String, Object> redis = s.properties(s.stack.cache().group());
    assertEquals(true, redis.get("AtRestEncryptionEnabled"));
    assertEquals(true, redis.get("TransitEncryptionEnabled"));
    assertEquals("required", redis.get("TransitEncryptionMode"));
    assertEquals(
        Map.of(
            "Fn::Join",
            List.of(
                "",
                List.of(
                    "{{resolve:secretsmanager:",
                    s.ref(s.stack.cache().authToken()),
                    ":SecretString:::}}"))),
        redis.get("AuthToken"));
    // The token goes into redis:// URLs and ElastiCache refuses @ " /: no punctuation at all.
    s.template.hasResourceProperties(
        "AWS::SecretsManager::Secret",
        Map.of(
            "Description",
            Match.stringLikeRegexp("Redis AUTH.*"),
            "GenerateSecretString",
            Match.objectLike(Map.of("ExcludePunctuation", true, "PasswordLength", 64))));
  }

  @Test
  void functionsWriteThroughThePrimaryAndReadThroughTheReaderEndpoint() {
    Map<String, Object> env =
        Json.map(
            at(
                s.properties(s.stack.functions().api("list-seats").function()),
                "Environment",
                "Variables"));
    String group = s.logicalId(s.stack.cache().group());
    assertEquals(redisUrl(group, "PrimaryEndPoint"), env.get("REDIS_URL"));
    assertEquals(redisUrl(group, "ReaderEndPoint"), env.get("REDIS_READER_URL"));
    assertEquals(s.ref(s.stack.cache().authToken()), env.get("REDIS_AUTH_SECRET_ARN"));
  }

  @Test
  void theSlowQueryLogIsOnAndBothLogExportsExpire() {
    Map<String, Object> params = s.properties(s.stack.database().parameters());
    assertEquals("mysql8.4", params.get("Family"));
    assertEquals(
        Map.of("slow_query_log", "1", "long_query_time", "0.5", "log_output", "FILE"),
        params.get("Parameters"));
    Map<String, Object> db = s.properties(s.stack.database().instance());
    assertEquals(s.ref(s.stack.database().parameters()), db.get("DBParameterGroupName"));
    assertEquals(List.of("error", "slowquery"), db.get("EnableCloudwatchLogsExports"));
    String id = s.stack.database().instanceIdentifier();
    assertEquals("ticketing-prod-mysql", id);
    assertEquals(id, db.get("DBInstanceIdentifier"));
    for (String log : List.of("error", "slowquery")) {
      s.template.hasResourceProperties(
          "AWS::Logs::LogGroup",
          Map.of("LogGroupName", "/aws/rds/instance/" + id + "/" + log, "RetentionInDays", 30));
    }
  }

  @Test
  void theMasterAndTheApplicationUsersSecretsRotateEveryThirtyDays() {
    String master = (String) at(s.stack.resolve(s.stack.database().secret().getSecretArn()), "Ref");
    String app = (String) at(s.stack.resolve(s.stack.database().appSecret().getSecretArn()), "Ref");
    java.util.Set<String> rotated = new java.util.TreeSet<>();
    for (String id : s.ofType("AWS::SecretsManager::RotationSchedule")) {
      Map<String, Object> r = s.properties(id);
      String rules = Json.write(r.get("RotationRules"));
      assertTrue(
          rules.contains("rate(30 days)") || rules.contains("\"AutomaticallyAfterDays\":30"),
          rules);
      rotated.add((String) at(r, "SecretId", "Ref"));
    }
    assertEquals(new java.util.TreeSet<>(List.of(master, app)), rotated);
    // Both with AWS's single-user MySQL rotation application.
    assertEquals(2, s.ofType("AWS::Serverless::Application").size());
    String mappings = Json.write(s.json().get("Mappings"));
    for (String id : s.ofType("AWS::Serverless::Application")) {
      String mapping =
          (String) at(s.properties(id), "Location", "ApplicationId", "Fn::FindInMap", 0);
      assertTrue(
          Json.write(at(s.json(), "Mappings", mapping))
              .contains("SecretsManagerRDSMySQLRotationSingleUser"),
          id + ": " + mappings);
      String function = (String) at(s.properties(id), "Parameters", "functionName");
      s.template.hasResourceProperties(
          "AWS::Logs::LogGroup",
          Map.of("LogGroupName", "/aws/lambda/" + function, "RetentionInDays", 30));
    }
    // The application user's secret carries the user name the migration creates.
    assertTrue(
        s.ofType("AWS::SecretsManager::Secret").stream()
            .map(id -> Json.write(at(s.properties(id), "GenerateSecretString")))
            .anyMatch(g -> g.contains("\\\"username\\\":\\\"ticketing_app\\\"")),
        "a generated secret for ticketing_app");
  }

  /** {@code rediss://<address>:<port>} of one endpoint of the replication group, as synthesized. */
  private static Map<String, Object> redisUrl(String group, String endpoint) {
    return Map.of(
        "Fn::Join",
        List.of(
            "",
            List.of(
                "rediss://",
                Map.of("Fn::GetAtt", List.of(group, endpoint + ".Address")),
                ":",
                Map.of("Fn::GetAtt", List.of(group, endpoint + ".Port")))));
  }
}
