package dev.ticketing.cdk;

import dev.ticketing.metrics.MetricGroup;
import dev.ticketing.metrics.ServiceMetric;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.apigateway.Stage;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.AlarmStatusWidget;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.constructs.Construct;

/**
 * A dashboard of the service (API traffic and errors, function health, Redis, MySQL and the proxy,
 * and the functions' own EMF metrics) and the alarms an operator must hear about, sent to an SNS
 * topic ({@code -c alarmEmail=...} subscribes an address).
 *
 * <p>The functions publish their own metrics as CloudWatch Embedded Metric Format lines; their
 * namespace, names and dimensions come from {@link MetricGroup}, the declaration the functions
 * write them from.
 */
public final class Observability extends Construct {
  /** About two thirds of max_connections on the default db.t4g.medium (~340). */
  static final int DB_CONNECTIONS_ALARM = 220;

  /**
   * About an hour of one vCPU at full load (a credit is one vCPU-minute at 100 %): db.t4g.medium
   * earns 24 an hour and holds up to 576, cache.t4g.medium likewise.
   */
  static final int CPU_CREDITS_ALARM = 60;

  private static final Duration MINUTE = Duration.minutes(1);
  private static final Duration FIVE_MINUTES = Duration.minutes(5);

  private final Topic alarms;
  private final Dashboard dashboard;
  private final Map<String, Alarm> alarmsByName = new LinkedHashMap<>();

  public Observability(
      Construct scope,
      String id,
      DeploymentSettings settings,
      Api api,
      Functions functions,
      Database database,
      Cache cache) {
    super(scope, id);
    Key key =
        Key.Builder.create(this, "AlarmTopicKey")
            .description("Encrypts the ticketing alarm topic")
            .enableKeyRotation(true)
            .removalPolicy(RemovalPolicy.DESTROY)
            .pendingWindow(Duration.days(7))
            .build();
    // CloudWatch publishes alarms to an encrypted topic only with a customer managed key it may
    // use.
    key.grant(
        new ServicePrincipal("cloudwatch.amazonaws.com"), "kms:Decrypt", "kms:GenerateDataKey*");
    alarms =
        Topic.Builder.create(this, "Alarms")
            .displayName("Ticketing alarms")
            .masterKey(key)
            .enforceSsl(true)
            .build();
    settings.alarmEmail().ifPresent(email -> alarms.addSubscription(new EmailSubscription(email)));

    Stage stage = api.restApi().getDeploymentStage();
    MetricOptions sumPerMinute = MetricOptions.builder().statistic("Sum").period(MINUTE).build();
    Metric requests = stage.metricCount(sumPerMinute);
    Metric serverErrors = stage.metricServerError(sumPerMinute);
    Metric clientErrors = stage.metricClientError(sumPerMinute);

    alarm(
        "Api5xxRate",
        MathExpression.Builder.create()
            .expression("IF(requests >= 20, 100 * errors / requests, 0)")
            .usingMetrics(Map.of("requests", requests, "errors", serverErrors))
            .label("5xx % of requests")
            .period(MINUTE)
            .build(),
        1,
        3,
        "More than 1% of API requests answered 5xx for 3 minutes");

    Map<String, IMetric> throttles = new LinkedHashMap<>();
    functions
        .api()
        .forEach(
            (module, f) ->
                throttles.put("t" + throttles.size(), f.function().metricThrottles(sumPerMinute)));
    alarm(
        "FunctionThrottles",
        MathExpression.Builder.create()
            .expression("SUM([" + String.join(", ", throttles.keySet()) + "])")
            .usingMetrics(throttles)
            .label("API function throttles")
            .period(MINUTE)
            .build(),
        0,
        2,
        "API functions are throttled (account concurrency exhausted): buyers get 5xx");
    alarm(
        "AdvancerErrors",
        functions.advancer().function().metricErrors(sumPerMinute),
        0,
        3,
        "The queue advancer keeps failing: nobody is admitted from the queue");
    // EventBridge starts the advancer every minute, sale or no sale: a minute without an
    // invocation means the schedule or the function is gone, and during an open sale nobody is
    // admitted. No data is exactly that case, so it counts as breaching.
    Alarm notRunning =
        Alarm.Builder.create(this, "AdvancerNotRunning")
            .metric(functions.advancer().function().metricInvocations(sumPerMinute))
            .alarmDescription(
                "The queue advancer has not run for 3 minutes: during an open sale nobody is"
                    + " admitted from the queue")
            .threshold(1)
            .comparisonOperator(ComparisonOperator.LESS_THAN_THRESHOLD)
            .evaluationPeriods(3)
            .datapointsToAlarm(3)
            .treatMissingData(TreatMissingData.BREACHING)
            .build();
    notify(notRunning);
    alarmsByName.put("AdvancerNotRunning", notRunning);

    alarm(
        "RedisCpu",
        maxOver(cache, "cpu", "EngineCPUUtilization", "Redis engine CPU % (busiest node)"),
        75,
        5,
        "Redis engine CPU above 75% (single-threaded engine: latency follows)");
    alarm(
        "RedisMemory",
        maxOver(cache, "mem", "DatabaseMemoryUsagePercentage", "Redis memory % (fullest node)"),
        80,
        5,
        "Redis memory above 80%");

    Metric dbConnections =
        database
            .instance()
            .metricDatabaseConnections(
                MetricOptions.builder().statistic("Maximum").period(MINUTE).build());
    alarm(
        "DbConnections",
        dbConnections,
        DB_CONNECTIONS_ALARM,
        5,
        "MySQL connections near max_connections: the proxy will start queueing");
    Metric pinned =
        Metric.Builder.create()
            .namespace("AWS/RDS")
            .metricName("DatabaseConnectionsCurrentlySessionPinned")
            .dimensionsMap(Map.of("ProxyName", database.proxy().getDbProxyName()))
            .statistic("Maximum")
            .period(MINUTE)
            .build();
    alarm(
        "ProxyPinnedSessions",
        pinned,
        0,
        5,
        "RDS Proxy pins sessions: some SQL breaks connection multiplexing (GET_LOCK, user variables)");
    alarm(
        "DbCpu",
        database
            .instance()
            .metricCPUUtilization(
                MetricOptions.builder().statistic("Average").period(MINUTE).build()),
        80,
        5,
        "MySQL CPU above 80%");

    creditAlarms(settings, database, cache);

    List<IMetric> service = new ArrayList<>();
    for (ServiceMetric m : ServiceMetric.values()) {
      service.add(serviceMetric(m, settings));
    }

    dashboard =
        Dashboard.Builder.create(this, "Dashboard")
            .dashboardName(Stack.of(this).getStackName() + "-service")
            .build();
    dashboard.addWidgets(
        graph("API requests and errors", List.of(requests, clientErrors, serverErrors)),
        graph(
            "API latency (p99)",
            List.of(
                stage.metricLatency(
                    MetricOptions.builder().statistic("p99").period(MINUTE).build()),
                stage.metricIntegrationLatency(
                    MetricOptions.builder().statistic("p99").period(MINUTE).build()))),
        graph(
            "Tickets, admissions, queue depth, reservations, conflicts ("
                + settings.lockStrategy()
                + ")",
            service));
    List<IMetric> durations = new ArrayList<>();
    List<IMetric> errors = new ArrayList<>();
    List<IMetric> concurrency = new ArrayList<>();
    List<ServiceFunction> all = new ArrayList<>(functions.api().values());
    all.add(functions.advancer());
    for (ServiceFunction f : all) {
      durations.add(
          f.function()
              .metricDuration(MetricOptions.builder().statistic("p99").period(MINUTE).build()));
      errors.add(f.function().metricErrors(sumPerMinute));
      concurrency.add(
          f.function()
              .metric(
                  "ConcurrentExecutions",
                  MetricOptions.builder().statistic("Maximum").period(MINUTE).build()));
    }
    errors.addAll(throttles.values());
    dashboard.addWidgets(
        graph("Function duration (p99)", durations),
        graph("Function errors and throttles", errors),
        graph("Function concurrency", concurrency));
    dashboard.addWidgets(
        graph(
            "Redis CPU and memory (max node)",
            List.of(
                maxOver(cache, "cpu", "EngineCPUUtilization", "engine CPU %"),
                maxOver(cache, "mem", "DatabaseMemoryUsagePercentage", "memory %"))),
        graph(
            "MySQL and RDS Proxy",
            List.of(
                dbConnections,
                pinned,
                Metric.Builder.create()
                    .namespace("AWS/RDS")
                    .metricName("ClientConnections")
                    .dimensionsMap(Map.of("ProxyName", database.proxy().getDbProxyName()))
                    .statistic("Maximum")
                    .period(MINUTE)
                    .build())),
        AlarmStatusWidget.Builder.create()
            .title("Alarms")
            .alarms(new ArrayList<>(alarmsByName.values()))
            .width(8)
            .height(6)
            .build());
  }

  /**
   * Burstable instances (t3/t4g, the default sizes) run on CPU credits: a sustained sale drains
   * them, after which the instance is throttled to its baseline (standard mode) or billed for every
   * extra vCPU-hour (unlimited). Warned while an hour of headroom is left: an operator can still
   * move to a fixed-performance class ({@code -c dbInstanceType=r7g.large}).
   */
  private void creditAlarms(DeploymentSettings settings, Database database, Cache cache) {
    if (burstable(settings.dbInstanceType())) {
      alarmBelow(
          "DbCpuCredits",
          database
              .instance()
              .metric(
                  "CPUCreditBalance",
                  MetricOptions.builder().statistic("Minimum").period(FIVE_MINUTES).build()),
          CPU_CREDITS_ALARM,
          "MySQL (burstable) is running out of CPU credits: throttling or surplus charges next");
    }
    if (burstable(settings.cacheNodeType().substring("cache.".length()))) {
      alarmBelow(
          "RedisCpuCredits",
          minOver(cache, "credits", "CPUCreditBalance", "Redis CPU credits (emptiest node)"),
          CPU_CREDITS_ALARM,
          "A Redis node (burstable) is running out of CPU credits: throttled to its baseline next");
    }
  }

  /** A metric as its function publishes it; the only dimension value is this stack's strategy. */
  private static Metric serviceMetric(ServiceMetric m, DeploymentSettings settings) {
    Map<String, String> dimensions = new LinkedHashMap<>();
    for (String key : m.group().dimensions()) {
      if (!key.equals(MetricGroup.LOCK_STRATEGY)) {
        throw new IllegalStateException("no value for dimension " + key + " of " + m);
      }
      dimensions.put(key, settings.lockStrategy());
    }
    return Metric.Builder.create()
        .namespace(MetricGroup.NAMESPACE)
        .metricName(m.metricName())
        .dimensionsMap(dimensions)
        .statistic(m.statistic().cloudWatchName())
        .period(MINUTE)
        .build();
  }

  static boolean burstable(String instanceType) {
    return instanceType.startsWith("t");
  }

  private void alarmBelow(String name, IMetric metric, double threshold, String description) {
    Alarm alarm =
        Alarm.Builder.create(this, name)
            .metric(metric)
            .alarmDescription(description)
            .threshold(threshold)
            .comparisonOperator(ComparisonOperator.LESS_THAN_THRESHOLD)
            .evaluationPeriods(2)
            .datapointsToAlarm(2)
            .treatMissingData(TreatMissingData.NOT_BREACHING)
            .build();
    notify(alarm);
    alarmsByName.put(name, alarm);
  }

  private void notify(Alarm alarm) {
    alarm.addAlarmAction(new SnsAction(alarms));
    alarm.addOkAction(new SnsAction(alarms));
  }

  private static MathExpression minOver(
      Cache cache, String idPrefix, String metricName, String label) {
    Map<String, IMetric> nodes = new LinkedHashMap<>();
    for (String node : cache.nodeIds()) {
      nodes.put(
          idPrefix + nodes.size(),
          Metric.Builder.create()
              .namespace("AWS/ElastiCache")
              .metricName(metricName)
              .dimensionsMap(Map.of("CacheClusterId", node))
              .statistic("Minimum")
              .period(FIVE_MINUTES)
              .build());
    }
    return MathExpression.Builder.create()
        .expression("MIN([" + String.join(", ", nodes.keySet()) + "])")
        .usingMetrics(nodes)
        .label(label)
        .period(FIVE_MINUTES)
        .build();
  }

  private static MathExpression maxOver(
      Cache cache, String idPrefix, String metricName, String label) {
    Map<String, IMetric> nodes = new LinkedHashMap<>();
    for (String node : cache.nodeIds()) {
      nodes.put(
          idPrefix + nodes.size(),
          Metric.Builder.create()
              .namespace("AWS/ElastiCache")
              .metricName(metricName)
              .dimensionsMap(Map.of("CacheClusterId", node))
              .statistic("Maximum")
              .period(MINUTE)
              .build());
    }
    return MathExpression.Builder.create()
        .expression("MAX([" + String.join(", ", nodes.keySet()) + "])")
        .usingMetrics(nodes)
        .label(label)
        .period(MINUTE)
        .build();
  }

  private void alarm(
      String name, IMetric metric, double threshold, int minutes, String description) {
    Alarm alarm =
        Alarm.Builder.create(this, name)
            .metric(metric)
            .alarmDescription(description)
            .threshold(threshold)
            .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
            .evaluationPeriods(minutes)
            .datapointsToAlarm(minutes)
            .treatMissingData(TreatMissingData.NOT_BREACHING)
            .build();
    notify(alarm);
    alarmsByName.put(name, alarm);
  }

  private static IWidget graph(String title, List<IMetric> metrics) {
    return GraphWidget.Builder.create().title(title).left(metrics).width(8).height(6).build();
  }

  public Topic alarmTopic() {
    return alarms;
  }

  public Dashboard dashboard() {
    return dashboard;
  }

  public Map<String, Alarm> alarms() {
    return alarmsByName;
  }
}
