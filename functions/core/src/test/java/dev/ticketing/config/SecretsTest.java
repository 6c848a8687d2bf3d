package dev.ticketing.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ticketing.db.DataSourceProperties;
import dev.ticketing.redis.RedisConnections;
import dev.ticketing.settings.Settings;
import io.lettuce.core.RedisCredentials;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class SecretsTest {
  private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes();
  private static final Map<String, String> ENV =
      Map.of(
          "DATABASE_URL", "jdbc:mysql://db.example:3306/ticketing",
          "DATABASE_PASSWORD", "db-pass",
          "REDIS_URL", "rediss://default:auth-token@primary.example:6379",
          "REDIS_READER_URL", "rediss://default:auth-token@reader.example:6379",
          "TOKEN_SIGNING_KEY", Base64.getEncoder().encodeToString(KEY));

  @Test
  void settingsWithoutSecretsKeepEverythingButTheSecretValues() {
    Settings full = Settings.from(ENV);
    Settings bare = full.withoutSecrets();

    assertEquals("", bare.stores().databasePassword());
    assertTrue(bare.stores().tokenSigningKey().isEmpty());
    assertEquals("rediss://primary.example:6379", bare.stores().redisUrl().orElseThrow());
    assertEquals("rediss://reader.example:6379", bare.stores().redisReaderUrl().orElseThrow());
    assertEquals(full.stores().databaseUrl(), bare.stores().databaseUrl());
    assertFalse(DataSourceProperties.of(bare).containsKey("datasources.default.password"));
    assertFalse(DataSourceProperties.of(bare).containsValue("db-pass"));
  }

  @Test
  void forgetDropsEveryValueAndZeroesTheKey() {
    Secrets secrets = Secrets.of(Settings.from(ENV));
    byte[] held = secrets.signingKey().getEncoded();
    assertArrayEquals(KEY, held);

    secrets.forget();

    assertFalse(secrets.loaded());
    assertThrows(IllegalStateException.class, secrets::signingKey);
    assertTrue(secrets.databasePassword().isEmpty());
    assertTrue(secrets.redisCredentials(false).isEmpty());
    assertTrue(secrets.redisCredentials(true).isEmpty());
  }

  @Test
  void forgettingLeavesTheSourceKeyIntactForTheReload() {
    Settings settings = Settings.from(ENV);
    Secrets secrets = Secrets.of(settings);

    secrets.forget();
    secrets.reload();

    assertArrayEquals(KEY, settings.stores().tokenSigningKey().orElseThrow());
    assertArrayEquals(KEY, secrets.signingKey().getEncoded());
  }

  @Test
  void reloadReadsTheSourceAgain() {
    Map<String, String> env = new HashMap<>(ENV);
    AtomicInteger reads = new AtomicInteger();
    Secrets secrets =
        new Secrets(
            () -> {
              reads.incrementAndGet();
              return Settings.from(env);
            },
            Settings.from(env));
    secrets.forget();
    env.put("DATABASE_PASSWORD", "rotated");

    secrets.reload();

    assertEquals(1, reads.get());
    assertEquals("rotated", secrets.databasePassword().orElseThrow());
    assertEquals(
        "auth-token", new String(secrets.redisCredentials(true).orElseThrow().getPassword()));
  }

  @Test
  void redisAddressesAskTheHolderForAuthOnEachConnect() {
    Settings settings = Settings.from(ENV);
    Secrets secrets = Secrets.of(settings);
    var uri = RedisConnections.uri(settings.withoutSecrets(), secrets, false);

    RedisCredentials loaded = uri.getCredentialsProvider().resolveCredentials().block();
    assertEquals("auth-token", new String(loaded.getPassword()));
    assertEquals("default", loaded.getUsername());

    secrets.forget();

    assertFalse(uri.getCredentialsProvider().resolveCredentials().block().hasPassword());
    assertEquals("primary.example", uri.getHost());
  }

  @Test
  void hmacsSignedConcurrentlyOnPooledInstancesEachMatchAFreshMac() throws Exception {
    Secrets secrets = Secrets.of(Settings.from(ENV));
    int threads = 16;
    int perThread = 500;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Integer>> wrong = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        wrong.add(
            pool.submit(
                () -> {
                  start.await();
                  int mismatches = 0;
                  for (int i = 0; i < perThread; i++) {
                    byte[] input = ("token " + thread + "." + i).getBytes(StandardCharsets.UTF_8);
                    if (!Arrays.equals(freshHmac(input), secrets.hmacSha256(input))) {
                      mismatches++;
                    }
                  }
                  return mismatches;
                }));
      }
      start.countDown();
      for (Future<Integer> w : wrong) {
        assertEquals(0, w.get(60, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void afterForgetNoHmacIsMadeAndAfterReloadTheKeySignsAgain() throws Exception {
    Secrets secrets = Secrets.of(Settings.from(ENV));
    byte[] input = "payload".getBytes(StandardCharsets.UTF_8);
    byte[] before = secrets.hmacSha256(input);

    secrets.forget();
    assertThrows(IllegalStateException.class, () -> secrets.hmacSha256(input));

    secrets.reload();
    assertArrayEquals(before, secrets.hmacSha256(input));
    assertArrayEquals(freshHmac(input), secrets.hmacSha256(input));
  }

  private static byte[] freshHmac(byte[] input) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
    return mac.doFinal(input);
  }
}
