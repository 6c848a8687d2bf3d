package dev.ticketing.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ticketing.settings.Settings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretResolverTest {
  private static final Map<String, String> SECRETS =
      Map.of(
          "arn:db", "{\"username\":\"app\",\"password\":\"s3cret\",\"engine\":\"mysql\"}",
          "arn:redis", "authtoken123",
          "arn:app", "{\"username\":\"ticketing_app\",\"password\":\"app-pw\"}",
          "arn:key", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");

  @Test
  void namedSecretsBecomeThePlainVariablesSettingsRead() {
    Settings named =
        Settings.from(
            Map.of(
                "DATABASE_URL", "jdbc:mysql://proxy:3306/ticketing",
                "DATABASE_SECRET_ARN", "arn:db",
                "REDIS_URL", "rediss://primary:6379",
                "REDIS_READER_URL", "rediss://reader:6379",
                "REDIS_AUTH_SECRET_ARN", "arn:redis",
                "TOKEN_SIGNING_KEY_SECRET_ARN", "arn:key"));
    Map<String, String> vars = SecretResolver.resolve(named, SECRETS::get);
    assertEquals("app", vars.get("DATABASE_USER"));
    assertEquals("s3cret", vars.get("DATABASE_PASSWORD"));
    assertEquals("rediss://default:authtoken123@primary:6379", vars.get("REDIS_URL"));
    assertEquals("rediss://default:authtoken123@reader:6379", vars.get("REDIS_READER_URL"));
    Settings resolved = Settings.from(vars);
    assertTrue(resolved.stores().tokenSigningKey().isPresent());
  }

  @Test
  void theMigrationReadsTheApplicationUsersSecretBesideTheMasterOne() {
    Settings named =
        Settings.from(
            Map.of(
                "DATABASE_URL", "jdbc:mysql://instance:3306/ticketing",
                "DATABASE_SECRET_ARN", "arn:db",
                "APP_DATABASE_SECRET_ARN", "arn:app"));
    Map<String, String> vars = SecretResolver.resolve(named, SECRETS::get);
    assertEquals("app", vars.get("DATABASE_USER"));
    assertEquals("ticketing_app", vars.get("APP_DATABASE_USER"));
    assertEquals("app-pw", vars.get("APP_DATABASE_PASSWORD"));
    Settings resolved = Settings.from(vars);
    assertEquals("ticketing_app", resolved.stores().appDatabaseUser().orElseThrow());
    assertEquals("", resolved.withoutSecrets().stores().appDatabasePassword());
  }

  @Test
  void withoutArnsNothingIsFetched() {
    assertTrue(SecretResolver.resolve(Settings.from(Map.of())).isEmpty());
  }
}
