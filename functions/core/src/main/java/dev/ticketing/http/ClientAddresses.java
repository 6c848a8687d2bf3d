package dev.ticketing.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import dev.ticketing.settings.Settings;
import io.micronaut.http.HttpRequest;
import io.micronaut.servlet.http.ServletHttpRequest;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.function.Function;

/**
 * Who is asking, as far as a per-address limit needs to know: the address in {@code
 * CLIENT_ADDRESS_HEADER} when that is set (the stack's edge writes the viewer's own address there
 * and nothing reaches the API around the edge), else the connection's source address from API
 * Gateway's event ({@code requestContext.identity.sourceIp}, which the local gateway fills too).
 * Empty when neither is known: no per-address limit can apply then.
 */
@Singleton
public class ClientAddresses {
  private final Optional<String> header;

  public ClientAddresses(Settings settings) {
    this.header = settings.queue().clientAddressHeader();
  }

  public Optional<String> of(HttpRequest<?> request) {
    return of(name -> request.getHeaders().findFirst(name), sourceIp(request));
  }

  /** The same, from a request's headers (by name) and API Gateway's source address. */
  public Optional<String> of(
      Function<String, Optional<String>> headers, Optional<String> sourceIp) {
    if (header.isPresent()) {
      return headers.apply(header.get()).flatMap(ClientAddress::normalize);
    }
    return sourceIp.flatMap(ClientAddress::normalize);
  }

  private static Optional<String> sourceIp(HttpRequest<?> request) {
    if (request instanceof ServletHttpRequest<?, ?> servlet
        && servlet.getNativeRequest() instanceof APIGatewayProxyRequestEvent event
        && event.getRequestContext() != null
        && event.getRequestContext().getIdentity() != null) {
      return Optional.ofNullable(event.getRequestContext().getIdentity().getSourceIp());
    }
    return Optional.empty();
  }
}
