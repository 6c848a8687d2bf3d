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
            Match.stringLikeRegexp("^8\\.0.*"),
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
  void rdsProxyFrontsTheInstanceWithTlsAndTheGeneratedSecret() {
    Map<String, Object> proxy = s.properties(s.stack.database().proxy());
    assertEquals("MYSQL", proxy.get("EngineFamily"));
    assertEquals(true, proxy.get("RequireTLS"));
    assertEquals("SECRETS", at(proxy, "Auth", 0, "AuthScheme"));
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
