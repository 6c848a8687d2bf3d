package dev.ticketing.queue;

import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.micronaut.context.ApplicationContext;
import io.micronaut.inject.qualifiers.Qualifiers;
import java.util.Map;
import java.util.TreeMap;

/** Every Redis key of one performance and its content: to prove that a request changed nothing. */
public final class QueueDump {
  private QueueDump() {}

  public static Map<String, String> of(ApplicationContext ctx, long performanceId) {
    return of(primary(ctx).sync(), performanceId);
  }

  public static Map<String, String> of(RedisCommands<String, String> redis, long performanceId) {
    Map<String, String> dump = new TreeMap<>();
    ScanIterator<String> it =
        ScanIterator.scan(redis, ScanArgs.Builder.matches("{p" + performanceId + "}:*").limit(500));
    while (it.hasNext()) {
      String key = it.next();
      String value =
          switch (redis.type(key)) {
            case "string" -> redis.get(key);
            case "hash" -> new TreeMap<>(redis.hgetall(key)).toString();
            case "zset" -> redis.zrangeWithScores(key, 0, -1).toString();
            default -> redis.type(key);
          };
      dump.put(key, value);
    }
    return dump;
  }

  @SuppressWarnings("unchecked")
  public static StatefulRedisConnection<String, String> primary(ApplicationContext ctx) {
    return ctx.getBean(StatefulRedisConnection.class, Qualifiers.byName("primary"));
  }
}
