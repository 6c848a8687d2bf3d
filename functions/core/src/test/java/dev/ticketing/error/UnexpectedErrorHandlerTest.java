package dev.ticketing.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import dev.ticketing.testing.LogCapture;
import io.micronaut.core.convert.ConversionService;
import io.micronaut.function.aws.proxy.payload1.ApiGatewayProxyServletRequest;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What a function logs for a failure nobody anticipated, on AWS: API Gateway's request id (not one
 * a client sends in a header), and the request's path on one line whatever it holds.
 */
class UnexpectedErrorHandlerTest {
  private static final Pattern EVENT_START =
      Pattern.compile("^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} [A-Z]+ ");
  private final UnexpectedErrorHandler handler = new UnexpectedErrorHandler();

  /** The request a function gets from API Gateway's proxy event, as Micronaut builds it. */
  private static HttpRequest<?> fromApiGateway(String path, String requestId, String headerId) {
    APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent();
    event.setHttpMethod("GET");
    event.setPath(path);
    event.setHeaders(Map.of(RequestIds.HEADER, headerId));
    event.setMultiValueHeaders(Map.of(RequestIds.HEADER, List.of(headerId)));
    APIGatewayProxyRequestEvent.ProxyRequestContext context =
        new APIGatewayProxyRequestEvent.ProxyRequestContext();
    context.setRequestId(requestId);
    event.setRequestContext(context);
    return new ApiGatewayProxyServletRequest<>(event, null, ConversionService.SHARED, null);
  }

  @Test
  void theRequestIdIsApiGatewaysNotOneTheClientSent() {
    try (LogCapture log = new LogCapture()) {
      HttpResponse<Map<String, Object>> response =
          handler.handle(
              fromApiGateway("/api/performances/1", "apigw-4711", "client-chosen"),
              new IllegalStateException("boom"));
      assertEquals(500, response.getStatus().getCode());
      assertEquals("apigw-4711", response.getHeaders().get(RequestIds.HEADER));
      assertEquals("apigw-4711", response.body().get("requestId"));
      ILoggingEvent logged = log.events().get(0);
      assertTrue(
          logged.getFormattedMessage().startsWith("request apigw-4711 GET"),
          logged.getFormattedMessage());
    }
  }

  @Test
  void aPathCarryingALineFeedCannotForgeALogLine() {
    // The path arrives as sent (percent-encoded); what decodes it, here an exception's message
    // quoting the decoded path, must still write one line.
    String sent =
        "/api/performances/1%0A12:00:00.000%20ERROR%20d.t.e.UnexpectedErrorHandler%20-%20forged";
    String forged = "/api/performances/1\n12:00:00.000 ERROR d.t.e.UnexpectedErrorHandler - forged";
    try (LogCapture log = new LogCapture()) {
      handler.handle(
          fromApiGateway(sent, "apigw-1", "x"), new IllegalStateException("failed on " + forged));
      handler.handle(
          fromApiGateway(sent, "apigw-2", "x"),
          new RuntimeException(
              new java.sql.SQLTransientConnectionException("pool exhausted " + forged)));
      List<String> lines = log.lines();
      assertEquals(
          2, lines.stream().filter(l -> EVENT_START.matcher(l).find()).count(), lines.toString());
      assertTrue(lines.stream().noneMatch(l -> l.startsWith("12:00:00.000")), lines.toString());
      assertTrue(
          lines.stream().anyMatch(l -> l.contains("failed on /api/performances/1\\n12:00:00.000")),
          lines.toString());
    }
  }
}
