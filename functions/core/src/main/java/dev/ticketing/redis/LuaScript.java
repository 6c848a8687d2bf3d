package dev.ticketing.redis;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A Lua script kept as a classpath resource, run by its SHA1 (one round trip) and loaded on the
 * server only when the server does not know it yet (after a restart or a flush).
 */
public final class LuaScript {
  private final String name;
  private final String source;
  private final String sha;

  private LuaScript(String name, String source) {
    this.name = name;
    this.source = source;
    this.sha = sha1(source);
  }

  /**
   * Loads {@code /lua/<name>} from the classpath. Each of {@code functions} (other scripts) comes
   * before it as a local function named after its file ({@code seats/mark.lua} becomes {@code
   * mark(KEYS, ARGV)}), so one round trip can do what several scripts do, each script keeping its
   * own invariant, without copying them.
   */
  public static LuaScript load(String name, String... functions) {
    StringBuilder source = new StringBuilder();
    for (String function : functions) {
      source
          .append("local function ")
          .append(functionName(function))
          .append("(KEYS, ARGV)\n")
          .append(read(function))
          .append("\nend\n");
    }
    return new LuaScript(name, source.append(read(name)).toString());
  }

  private static String functionName(String script) {
    String file = script.substring(script.lastIndexOf('/') + 1);
    return file.substring(0, file.length() - ".lua".length()).replace('-', '_');
  }

  private static String read(String name) {
    try (InputStream in = LuaScript.class.getResourceAsStream("/lua/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no Lua script " + name + " on the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public <T> T run(
      RedisCommands<String, String> redis, ScriptOutputType type, String[] keys, String... args) {
    try {
      return redis.evalsha(sha, type, keys, args);
    } catch (RedisNoScriptException e) {
      return redis.eval(source, type, keys, args);
    }
  }

  /**
   * Sends the script by its SHA1 without waiting for the answer (for pipelining many calls): the
   * server must already know it ({@link #run} once first, or after a flush the futures fail with
   * NOSCRIPT).
   */
  public <T> RedisFuture<T> runAsync(
      RedisAsyncCommands<String, String> redis,
      ScriptOutputType type,
      String[] keys,
      String... args) {
    return redis.evalsha(sha, type, keys, args);
  }

  /**
   * Sends the script by its SHA1 without waiting, and sends its source instead if the server does
   * not know it yet (after a restart or a flush): for a call nobody waits for.
   */
  public <T> CompletableFuture<T> runAsyncLoading(
      RedisAsyncCommands<String, String> redis,
      ScriptOutputType type,
      String[] keys,
      String... args) {
    return redis
        .<T>evalsha(sha, type, keys, args)
        .toCompletableFuture()
        .exceptionallyCompose(
            failure -> {
              Throwable cause =
                  failure instanceof CompletionException && failure.getCause() != null
                      ? failure.getCause()
                      : failure;
              return cause instanceof RedisNoScriptException
                  ? redis.<T>eval(source, type, keys, args).toCompletableFuture()
                  : CompletableFuture.failedFuture(cause);
            });
  }

  public String name() {
    return name;
  }

  private static String sha1(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
