package dev.ticketing.snapstart;

import dev.ticketing.auth.AccessClaims;
import dev.ticketing.auth.SessionRegistry;
import dev.ticketing.auth.TokenCodec;
import dev.ticketing.catalog.Catalog;
import io.micronaut.context.BeanProvider;
import io.micronaut.crac.OrderedResource;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.crac.Context;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the hot path once before the snapshot so restored instances start with its classes loaded
 * and initialized: token signing and verification, JSON, a read-only SQL query and a Redis read.
 * Nothing is written, and no random source is touched (no UUID, no SecureRandom, no request id):
 * the token uses fixed claims, so nothing unique ends up in the snapshot. Priming copies the
 * signing key nowhere, and runs before {@link SecretsResource} forgets it.
 *
 * <p>A function's handler adds its own step ({@link #primeAlso}): requests through the handler that
 * are answered 4xx before anything is written (see {@code
 * dev.ticketing.endpoints.EndpointsFunction}).
 */
@Singleton
public class PrimingResource implements OrderedResource {
  /** Runs first before the checkpoint (highest order), while the pool and Redis are still open. */
  public static final int ORDER = Integer.MAX_VALUE;

  private static final Logger LOG = LoggerFactory.getLogger(PrimingResource.class);
  private static final long NO_SUCH_PERFORMANCE = 0;

  private final BeanProvider<TokenCodec> tokens;
  private final JsonMapper json;
  private final BeanProvider<Catalog> catalog;
  private final BeanProvider<SessionRegistry> sessions;
  private final Clock clock;
  private final List<Step> handlers = new CopyOnWriteArrayList<>();

  /** Providers: a function without a store or key still starts, its priming step just fails. */
  public PrimingResource(
      BeanProvider<TokenCodec> tokens,
      JsonMapper json,
      BeanProvider<Catalog> catalog,
      BeanProvider<SessionRegistry> sessions,
      Clock clock) {
    this.tokens = tokens;
    this.json = json;
    this.catalog = catalog;
    this.sessions = sessions;
    this.clock = clock;
  }

  /** Runs {@code handler} too when priming; it must write nothing and touch no random source. */
  public void primeAlso(Step handler) {
    handlers.add(handler);
  }

  @Override
  public void beforeCheckpoint(Context<? extends Resource> context) {
    prime();
  }

  @Override
  public void afterRestore(Context<? extends Resource> context) {}

  /**
   * Each step on its own: a failed warm-up must never fail the snapshot.
   *
   * @return the names of the steps that failed
   */
  public List<String> prime() {
    List<String> failed = new ArrayList<>();
    step("token", this::primeToken, failed);
    step("sql", () -> catalog.get().find(NO_SUCH_PERFORMANCE), failed);
    step("json", () -> json.writeValueAsBytes(catalog.get().list()), failed);
    step("redis", () -> sessions.get().isActive(NO_SUCH_PERFORMANCE, "priming"), failed);
    handlers.forEach(handler -> step("handler", handler, failed));
    return failed;
  }

  private void primeToken() throws Exception {
    Instant now = clock.instant();
    TokenCodec codec = tokens.get();
    String token =
        codec.sign(new AccessClaims(NO_SUCH_PERFORMANCE, 0, "priming", now.getEpochSecond() + 60));
    codec.verify(token, AccessClaims.class, now);
  }

  private static void step(String name, Step step, List<String> failed) {
    try {
      step.run();
    } catch (Exception e) {
      failed.add(name);
      LOG.warn("Priming step {} failed: {}", name, e.toString());
    }
  }

  /** A priming step; its exception marks the step failed, never the snapshot. */
  @FunctionalInterface
  public interface Step {
    void run() throws Exception;
  }

  @Override
  public int getOrder() {
    return ORDER;
  }
}
