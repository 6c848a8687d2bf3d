package dev.ticketing.cdk;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.cloudfront.AllowedMethods;
import software.amazon.awscdk.services.cloudfront.BehaviorOptions;
import software.amazon.awscdk.services.cloudfront.CacheCookieBehavior;
import software.amazon.awscdk.services.cloudfront.CacheHeaderBehavior;
import software.amazon.awscdk.services.cloudfront.CachePolicy;
import software.amazon.awscdk.services.cloudfront.CacheQueryStringBehavior;
import software.amazon.awscdk.services.cloudfront.Distribution;
import software.amazon.awscdk.services.cloudfront.Function;
import software.amazon.awscdk.services.cloudfront.FunctionAssociation;
import software.amazon.awscdk.services.cloudfront.FunctionCode;
import software.amazon.awscdk.services.cloudfront.FunctionEventType;
import software.amazon.awscdk.services.cloudfront.FunctionRuntime;
import software.amazon.awscdk.services.cloudfront.HttpVersion;
import software.amazon.awscdk.services.cloudfront.OriginProtocolPolicy;
import software.amazon.awscdk.services.cloudfront.OriginRequestPolicy;
import software.amazon.awscdk.services.cloudfront.PriceClass;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersPolicy;
import software.amazon.awscdk.services.cloudfront.ViewerProtocolPolicy;
import software.amazon.awscdk.services.cloudfront.origins.HttpOrigin;
import software.amazon.awscdk.services.cloudfront.origins.HttpOriginProps;
import software.amazon.awscdk.services.cloudfront.origins.S3BucketOrigin;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.amazon.awscdk.services.s3.deployment.BucketDeployment;
import software.amazon.awscdk.services.s3.deployment.ISource;
import software.amazon.awscdk.services.s3.deployment.Source;
import software.constructs.Construct;

/**
 * The SPA: a private bucket read by CloudFront through Origin Access Control, and {@code /api/*} on
 * the same distribution routed to the API uncached, so the browser sees one origin. One API path is
 * cached: the public queue state ({@value #QUEUE_STATE_PATH}), the same answer for every buyer,
 * kept at the edge for the second its {@code Cache-Control} allows, so the waiting crowd reads it
 * from the cache and the API sees about one request per second per edge cache. The files are {@code
 * frontend/dist}; when it has not been built, a placeholder page is deployed instead so synth (and
 * a first infrastructure-only deploy) still work.
 */
public final class Website extends Construct {
  static final String PLACEHOLDER =
      "<!doctype html><title>Ticketing</title><p>The SPA was not built when this stack was"
          + " synthesized (frontend/dist was missing). Build it and deploy again.</p>";

  /** The public queue state's route as a CloudFront path pattern (before {@code /api/*}). */
  static final String QUEUE_STATE_PATH =
      dev.ticketing.routes.Routes.QUEUE_STATE.replace("{id}", "*");

  // Overwrites whatever the client sent: the web ACL trusts this header for its per-IP limit, and
  // the functions for their per-address join limit (CLIENT_ADDRESS_HEADER).
  private static final String VIEWER_IP_FUNCTION =
      "function handler(event) {\n"
          + "  var request = event.request;\n"
          + "  request.headers['"
          + Api.VIEWER_IP_HEADER
          + "'] = { value: event.viewer.ip };\n"
          + "  return request;\n"
          + "}\n";

  // Client-side routes (no file extension) get the SPA's entry page.
  private static final String SPA_ROUTES_FUNCTION =
      "function handler(event) {\n"
          + "  var request = event.request;\n"
          + "  var last = request.uri.split('/').pop();\n"
          + "  if (last.indexOf('.') === -1) { request.uri = '/index.html'; }\n"
          + "  return request;\n"
          + "}\n";

  /** What the deployment leaves out of frontend/dist. */
  static final String SOURCE_MAPS = "*.map";

  private final Bucket site;
  private final Bucket logs;
  private final Distribution distribution;
  private final boolean placeholder;

  public Website(Construct scope, String id, ProjectPaths paths, Api api) {
    super(scope, id);
    logs =
        Bucket.Builder.create(this, "Logs")
            .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
            .encryption(BucketEncryption.S3_MANAGED)
            .enforceSsl(true)
            // CloudFront standard logging writes with ACLs.
            .objectOwnership(ObjectOwnership.BUCKET_OWNER_PREFERRED)
            .lifecycleRules(List.of(LifecycleRule.builder().expiration(Duration.days(90)).build()))
            .removalPolicy(RemovalPolicy.DESTROY)
            .autoDeleteObjects(true)
            .build();
    site =
        Bucket.Builder.create(this, "Site")
            .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
            .encryption(BucketEncryption.S3_MANAGED)
            .enforceSsl(true)
            .serverAccessLogsBucket(logs)
            .serverAccessLogsPrefix("s3-site/")
            .removalPolicy(RemovalPolicy.DESTROY)
            .autoDeleteObjects(true)
            .build();

    Function viewerIp =
        Function.Builder.create(this, "ViewerIp")
            .comment("Puts the viewer's address in " + Api.VIEWER_IP_HEADER + " for the API's WAF")
            .runtime(FunctionRuntime.JS_2_0)
            .code(FunctionCode.fromInline(VIEWER_IP_FUNCTION))
            .build();
    Function spaRoutes =
        Function.Builder.create(this, "SpaRoutes")
            .comment("Serves index.html for the SPA's client-side routes")
            .runtime(FunctionRuntime.JS_2_0)
            .code(FunctionCode.fromInline(SPA_ROUTES_FUNCTION))
            .build();

    HttpOrigin apiOrigin =
        new HttpOrigin(
            api.domainName(),
            HttpOriginProps.builder()
                .originPath("/" + Api.STAGE)
                .protocolPolicy(OriginProtocolPolicy.HTTPS_ONLY)
                .customHeaders(
                    Map.of(
                        Api.ORIGIN_VERIFY_HEADER,
                        api.originVerify().getSecretValue().unsafeUnwrap()))
                .readTimeout(Duration.seconds(30))
                .build());

    // The public queue state: cached 1 s (the origin's max-age, within 0-2 s), keyed on the path
    // alone (no cookie, query string or header), nothing of the viewer's forwarded: every buyer of
    // a performance gets the same object, so a hit costs the API nothing.
    CachePolicy queueStateCache =
        CachePolicy.Builder.create(this, "QueueStateCache")
            .comment("The public queue state: one object per performance, for a second or two")
            .minTtl(Duration.seconds(0))
            .defaultTtl(Duration.seconds(1))
            .maxTtl(Duration.seconds(2))
            .cookieBehavior(CacheCookieBehavior.none())
            .headerBehavior(CacheHeaderBehavior.none())
            .queryStringBehavior(CacheQueryStringBehavior.none())
            .build();
    Map<String, BehaviorOptions> apiBehaviors = new LinkedHashMap<>();
    // First: CloudFront takes the first pattern that matches, and /api/* matches this path too.
    apiBehaviors.put(
        QUEUE_STATE_PATH,
        BehaviorOptions.builder()
            .origin(apiOrigin)
            .viewerProtocolPolicy(ViewerProtocolPolicy.HTTPS_ONLY)
            .allowedMethods(AllowedMethods.ALLOW_GET_HEAD)
            .cachePolicy(queueStateCache)
            .build());
    apiBehaviors.put(
        "/api/*",
        BehaviorOptions.builder()
            .origin(apiOrigin)
            .viewerProtocolPolicy(ViewerProtocolPolicy.HTTPS_ONLY)
            .allowedMethods(AllowedMethods.ALLOW_ALL)
            // Nothing cached; every viewer header (Authorization, If-None-Match,
            // Accept-Encoding...), the query string and cookies go to the API. Managed
            // "AllViewer" policies may forward Authorization when caching is disabled. Responses
            // are compressed by API Gateway itself (Api.MIN_COMPRESSION_BYTES): the edge
            // compresses only what it caches.
            .cachePolicy(CachePolicy.CACHING_DISABLED)
            .originRequestPolicy(OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER)
            .functionAssociations(
                List.of(
                    FunctionAssociation.builder()
                        .eventType(FunctionEventType.VIEWER_REQUEST)
                        .function(viewerIp)
                        .build()))
            .build());

    distribution =
        Distribution.Builder.create(this, "Distribution")
            .comment("Ticketing SPA and /api/*")
            .defaultRootObject("index.html")
            .priceClass(PriceClass.PRICE_CLASS_100)
            .httpVersion(HttpVersion.HTTP2_AND_3)
            .enableLogging(true)
            .logBucket(logs)
            .logFilePrefix("cloudfront/")
            .defaultBehavior(
                BehaviorOptions.builder()
                    .origin(S3BucketOrigin.withOriginAccessControl(site))
                    .viewerProtocolPolicy(ViewerProtocolPolicy.REDIRECT_TO_HTTPS)
                    // Text files (the bundle, index.html) go out gzip/brotli-compressed by the
                    // edge; CachingOptimized puts the encoding in the cache key.
                    .compress(true)
                    .cachePolicy(CachePolicy.CACHING_OPTIMIZED)
                    .responseHeadersPolicy(ResponseHeadersPolicy.SECURITY_HEADERS)
                    .functionAssociations(
                        List.of(
                            FunctionAssociation.builder()
                                .eventType(FunctionEventType.VIEWER_REQUEST)
                                .function(spaRoutes)
                                .build()))
                    .build())
            .additionalBehaviors(apiBehaviors)
            .build();

    placeholder = paths.frontendDist().isEmpty();
    ISource files =
        paths
            .frontendDist()
            .map(dist -> Source.asset(dist.toString()))
            .orElseGet(() -> Source.data("index.html", PLACEHOLDER));
    BucketDeployment.Builder.create(this, "Deploy")
        .sources(List.of(files))
        // Source maps stay on the build machine: the public site serves the bundle only.
        .exclude(List.of(SOURCE_MAPS))
        .destinationBucket(site)
        .distribution(distribution)
        .distributionPaths(List.of("/*"))
        .memoryLimit(512)
        .logGroup(
            LogGroup.Builder.create(this, "DeployLogs")
                .retention(RetentionDays.ONE_MONTH)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build())
        .build();
  }

  /** {@code https://<distribution domain>}: the SPA, and the API under {@code /api}. */
  public String url() {
    return "https://" + distribution.getDistributionDomainName();
  }

  public Distribution distribution() {
    return distribution;
  }

  public Bucket site() {
    return site;
  }

  public Bucket logs() {
    return logs;
  }

  /** True when frontend/dist was missing and the placeholder page is deployed. */
  public boolean placeholder() {
    return placeholder;
  }
}
