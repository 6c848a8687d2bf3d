package dev.ticketing.cdk;

import dev.ticketing.settings.EnvReader;
import dev.ticketing.settings.InvalidSettingException;
import dev.ticketing.settings.QueueSettings;
import dev.ticketing.settings.Settings;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import software.constructs.Node;

/**
 * One deployment's choices, read from CDK context ({@code cdk deploy -c lockStrategy=optimistic}).
 * The service tunables are checked by the functions' own {@link Settings}, so an unknown lock
 * strategy or an out-of-range TTL fails synth with the message the functions would print at start.
 */
public record DeploymentSettings(
    String stage,
    Map<String, String> functionTunables,
    Map<String, String> reserveSeatTunables,
    Optional<String> connectionInitSql,
    boolean deletionProtection,
    String dbInstanceType,
    String cacheNodeType,
    int apiRateLimit,
    int apiBurstLimit,
    int wafRequestsPerIpPer5Min,
    Optional<String> alarmEmail) {

  /** Context key → the environment variable of the functions it sets. */
  static final Map<String, String> TUNABLES = tunables();

  private static final Pattern INSTANCE_TYPE = Pattern.compile("[a-z0-9]+\\.[a-z0-9]+");
  private static final Pattern CACHE_NODE_TYPE = Pattern.compile("cache\\.[a-z0-9]+\\.[a-z0-9]+");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  // Lower case, short: it goes into the stack name and, through it, into physical names such as
  // the ElastiCache replication group id (40 characters at most).
  private static final Pattern STAGE = Pattern.compile("[a-z][a-z0-9]{0,11}");

  /** The stage of a deployment without {@code -c stage=...}. */
  public static final String DEFAULT_STAGE = "prod";

  /**
   * The variables only reserve-seat reads (how seats are locked): set on that function alone, so
   * switching the strategy republishes reserve-seat and leaves the other functions' versions as
   * they are.
   */
  static final java.util.Set<String> RESERVE_SEAT_ONLY =
      java.util.Set.of(
          "LOCK_STRATEGY",
          "DB_LOCK_WAIT_TIMEOUT_SECONDS",
          "SEAT_LOCK_LEASE_MS",
          "SEAT_LOCK_WAIT_MS",
          "HOLD_TTL_SECONDS");

  private static Map<String, String> tunables() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("lockStrategy", "LOCK_STRATEGY");
    m.put("queueCapacity", "QUEUE_CAPACITY");
    m.put("retentionSeconds", "RETENTION_SECONDS");
    m.put("claimWindowSeconds", "CLAIM_WINDOW_SECONDS");
    m.put("sessionTtlSeconds", "SESSION_TTL_SECONDS");
    m.put("advanceIntervalSeconds", "ADVANCE_INTERVAL_SECONDS");
    m.put("maxSeatsPerHolder", "MAX_SEATS_PER_HOLDER");
    m.put("redisCommandTimeoutMs", "REDIS_COMMAND_TIMEOUT_MS");
    m.put("redisConnectTimeoutMs", "REDIS_CONNECT_TIMEOUT_MS");
    return Map.copyOf(m);
  }

  /**
   * Tunables of the seat locks and of the waiting room's cadence and join limit, passed to the
   * functions only when set (the functions' defaults apply otherwise); validated with the rest.
   */
  static final Map<String, String> OPTIONAL_TUNABLES =
      Map.ofEntries(
          Map.entry("dbLockWaitTimeoutSeconds", "DB_LOCK_WAIT_TIMEOUT_SECONDS"),
          Map.entry("seatLockLeaseMs", "SEAT_LOCK_LEASE_MS"),
          Map.entry("seatLockWaitMs", "SEAT_LOCK_WAIT_MS"),
          Map.entry("holdTtlSeconds", "HOLD_TTL_SECONDS"),
          Map.entry("pollAfterMinSeconds", "POLL_AFTER_MIN_SECONDS"),
          Map.entry("pollAfterMaxSeconds", "POLL_AFTER_MAX_SECONDS"),
          Map.entry("queuePollBudgetPerSecond", "QUEUE_POLL_BUDGET_PER_SECOND"),
          Map.entry("joinLimitPerAddress", "JOIN_LIMIT_PER_ADDRESS"),
          Map.entry("joinLimitWindowSeconds", "JOIN_LIMIT_WINDOW_SECONDS"),
          Map.entry("queueSessionsPerSeat", "QUEUE_SESSIONS_PER_SEAT"),
          Map.entry("joinProofDifficulty", "JOIN_PROOF_DIFFICULTY"));

  public static DeploymentSettings fromContext(Node node) {
    return from(key -> Optional.ofNullable(node.tryGetContext(key)).map(Object::toString));
  }

  /** Reads every choice through {@code context}; throws {@link InvalidContextException}. */
  public static DeploymentSettings from(Context context) {
    Settings checked = checkedTunables(context);
    QueueSettings queue = checked.queue();
    Map<String, String> env = new LinkedHashMap<>();
    env.put("LOCK_STRATEGY", checked.seats().lockStrategy().id());
    env.put("QUEUE_CAPACITY", Integer.toString(queue.capacity()));
    env.put("RETENTION_SECONDS", Integer.toString(queue.retentionSeconds()));
    env.put("CLAIM_WINDOW_SECONDS", Integer.toString(queue.claimWindowSeconds()));
    env.put("SESSION_TTL_SECONDS", Integer.toString(queue.sessionTtlSeconds()));
    env.put("ADVANCE_INTERVAL_SECONDS", Integer.toString(queue.advanceIntervalSeconds()));
    env.put("MAX_SEATS_PER_HOLDER", Integer.toString(checked.seats().maxSeatsPerHolder()));
    env.put(
        "REDIS_COMMAND_TIMEOUT_MS", Integer.toString(checked.stores().redisCommandTimeoutMillis()));
    env.put(
        "REDIS_CONNECT_TIMEOUT_MS", Integer.toString(checked.stores().redisConnectTimeoutMillis()));
    OPTIONAL_TUNABLES.forEach(
        (key, variable) -> context.get(key).ifPresent(v -> env.put(variable, v.trim())));
    Map<String, String> shared = new LinkedHashMap<>();
    Map<String, String> reserveSeat = new LinkedHashMap<>();
    env.forEach((k, v) -> (RESERVE_SEAT_ONLY.contains(k) ? reserveSeat : shared).put(k, v));
    return new DeploymentSettings(
        matching(context, "stage", DEFAULT_STAGE, STAGE),
        Map.copyOf(shared),
        Map.copyOf(reserveSeat),
        checked.seats().connectionInitSql(),
        bool(context, "deletionProtection", true),
        matching(context, "dbInstanceType", "t4g.medium", INSTANCE_TYPE),
        matching(context, "cacheNodeType", "cache.t4g.medium", CACHE_NODE_TYPE),
        integer(context, "apiRateLimit", 5_000, 1, 100_000),
        integer(context, "apiBurstLimit", 10_000, 1, 100_000),
        integer(
            context,
            "wafRequestsPerIpPer5Min",
            Api.DEFAULT_REQUESTS_PER_IP_PER_5_MIN,
            10,
            2_000_000_000),
        context
            .get("alarmEmail")
            .filter(v -> !v.isBlank())
            .map(v -> checkMatches("alarmEmail", v, EMAIL)));
  }

  public String lockStrategy() {
    return reserveSeatTunables.get("LOCK_STRATEGY");
  }

  /** {@code Ticketing-<stage>}: two stages deploy side by side in one account and region. */
  public String stackName() {
    return TicketingApp.STACK_NAME_PREFIX + stage;
  }

  public int advanceIntervalSeconds() {
    return Integer.parseInt(functionTunables.get("ADVANCE_INTERVAL_SECONDS"));
  }

  private static Settings checkedTunables(Context context) {
    Map<String, String> all = new LinkedHashMap<>(TUNABLES);
    all.putAll(OPTIONAL_TUNABLES);
    Map<String, String> env = new LinkedHashMap<>();
    all.forEach((key, variable) -> context.get(key).ifPresent(v -> env.put(variable, v)));
    try {
      return Settings.from(env);
    } catch (InvalidSettingException e) {
      String key =
          all.entrySet().stream()
              .filter(t -> t.getValue().equals(e.variable()))
              .map(Map.Entry::getKey)
              .findFirst()
              .orElse(e.variable());
      throw new InvalidContextException(
          "invalid CDK context -c "
              + key
              + "="
              + context.get(key).orElse("")
              + ": "
              + e.getMessage());
    }
  }

  private static boolean bool(Context context, String key, boolean fallback) {
    Optional<String> raw = context.get(key).map(v -> v.trim().toLowerCase(Locale.ROOT));
    if (raw.isEmpty()) {
      return fallback;
    }
    return switch (raw.get()) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw new InvalidContextException(
              "invalid CDK context -c " + key + "=" + raw.get() + ": must be true or false");
    };
  }

  private static int integer(Context context, String key, int fallback, int min, int max) {
    Optional<String> raw = context.get(key).map(String::trim);
    try {
      return new EnvReader(raw.map(v -> Map.of(key, v)).orElse(Map.of()))
          .integer(key, fallback, min, max);
    } catch (InvalidSettingException e) {
      throw new InvalidContextException(
          "invalid CDK context -c " + key + "=" + raw.orElse("") + ": " + e.getMessage());
    }
  }

  private static String matching(Context context, String key, String fallback, Pattern pattern) {
    return context.get(key).map(v -> checkMatches(key, v.trim(), pattern)).orElse(fallback);
  }

  private static String checkMatches(String key, String value, Pattern pattern) {
    if (!pattern.matcher(value).matches()) {
      throw new InvalidContextException(
          "invalid CDK context -c " + key + "=" + value + ": must look like " + pattern.pattern());
    }
    return value;
  }

  /** Where the choices come from: CDK context in the app, a map in tests. */
  @FunctionalInterface
  public interface Context {
    Optional<String> get(String key);
  }

  /** A context value the deployment cannot use; synth stops with this message. */
  public static final class InvalidContextException extends IllegalArgumentException {
    public InvalidContextException(String message) {
      super(message);
    }
  }
}
