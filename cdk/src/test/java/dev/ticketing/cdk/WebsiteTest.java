package dev.ticketing.cdk;

import static dev.ticketing.cdk.Json.at;
import static dev.ticketing.cdk.Json.list;
import static dev.ticketing.cdk.Json.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;

class WebsiteTest {
  /** CloudFront managed policies. */
  static final String CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad";

  static final String ALL_VIEWER_EXCEPT_HOST_HEADER = "b689b0a8-53d0-40ab-baf2-68738e2966ac";

  private final Synthesized s = Synthesized.defaults();

  private Map<String, Object> config() {
    return map(s.properties(s.stack.website().distribution()).get("DistributionConfig"));
  }

  private Map<String, Object> behavior(String pattern) {
    return list(config().get("CacheBehaviors")).stream()
        .map(Json::map)
        .filter(b -> pattern.equals(b.get("PathPattern")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no behavior for " + pattern));
  }

  @Test
  void spaBucketIsPrivateAndReadOnlyByCloudFrontThroughOriginAccessControl() {
    Map<String, Object> bucket = s.properties(s.stack.website().site());
    assertEquals(
        Map.of(
            "BlockPublicAcls", true,
            "BlockPublicPolicy", true,
            "IgnorePublicAcls", true,
            "RestrictPublicBuckets", true),
        bucket.get("PublicAccessBlockConfiguration"));
    Map<String, Object> s3Origin = map(list(config().get("Origins")).get(0));
    assertTrue(at(s3Origin, "OriginAccessControlId") != null);
    s.template.hasResourceProperties(
        "AWS::CloudFront::OriginAccessControl",
        Map.of(
            "OriginAccessControlConfig",
            Match.objectLike(
                Map.of("OriginAccessControlOriginType", "s3", "SigningBehavior", "always"))));
    s.template.hasResourceProperties(
        "AWS::S3::BucketPolicy",
        Map.of(
            "Bucket",
            s.ref(s.stack.website().site()),
            "PolicyDocument",
            Match.objectLike(
                Map.of(
                    "Statement",
                    Match.arrayWith(
                        List.of(
                            Match.objectLike(
                                Map.of(
                                    "Principal",
                                    Map.of("Service", "cloudfront.amazonaws.com"),
                                    "Action",
                                    "s3:GetObject"))))))));
  }

  @Test
  void apiPathsGoToTheApiUncachedWithEveryMethodHeaderAndQueryString() {
    Map<String, Object> behavior = behavior("/api/*");
    assertEquals(
        List.of("GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"),
        behavior.get("AllowedMethods"));
    assertEquals(CACHING_DISABLED, behavior.get("CachePolicyId"));
    // Forwards Authorization, If-None-Match and every other viewer header, query strings, cookies.
    assertEquals(ALL_VIEWER_EXCEPT_HOST_HEADER, behavior.get("OriginRequestPolicyId"));
    assertEquals("https-only", behavior.get("ViewerProtocolPolicy"));

    Map<String, Object> apiOrigin = null;
    for (Object o : list(config().get("Origins"))) {
      if (behavior.get("TargetOriginId").equals(map(o).get("Id"))) {
        apiOrigin = map(o);
      }
    }
    assertEquals("/" + Api.STAGE, apiOrigin.get("OriginPath"));
    assertTrue(
        Json.write(apiOrigin.get("DomainName")).contains(s.logicalId(s.stack.api().restApi())));
    assertTrue(Json.write(apiOrigin.get("DomainName")).contains(".execute-api."));
    assertEquals(Api.ORIGIN_VERIFY_HEADER, at(apiOrigin, "OriginCustomHeaders", 0, "HeaderName"));
    assertEquals("https-only", at(apiOrigin, "CustomOriginConfig", "OriginProtocolPolicy"));
  }

  @Test
  void thePublicQueueStateIsServedFromTheEdgeCacheForASecondWithNothingOfTheViewerInTheKey() {
    Map<String, Object> behavior = behavior("/api/performances/*/queue/state");
    assertEquals(
        "/api/performances/*/queue/state",
        map(list(config().get("CacheBehaviors")).get(0)).get("PathPattern"),
        "before /api/*, which CloudFront would match first otherwise");
    assertEquals(behavior("/api/*").get("TargetOriginId"), behavior.get("TargetOriginId"));
    assertEquals(List.of("GET", "HEAD"), behavior.get("AllowedMethods"));
    assertEquals(null, behavior.get("FunctionAssociations"), "no function runs on a cache hit");
    assertEquals(null, behavior.get("OriginRequestPolicyId"), "nothing of the viewer forwarded");
    Map<String, Object> policy =
        map(s.properties((String) at(behavior, "CachePolicyId", "Ref")).get("CachePolicyConfig"));
    assertEquals(0, policy.get("MinTTL"));
    assertEquals(1, policy.get("DefaultTTL"));
    assertEquals(2, policy.get("MaxTTL"));
    Map<String, Object> key = map(policy.get("ParametersInCacheKeyAndForwardedToOrigin"));
    assertEquals("none", at(key, "CookiesConfig", "CookieBehavior"));
    assertEquals("none", at(key, "HeadersConfig", "HeaderBehavior"));
    assertEquals("none", at(key, "QueryStringsConfig", "QueryStringBehavior"));
  }

  @Test
  void cloudFrontTellsTheApiTheViewersOwnAddress() {
    Map<String, Object> behavior = behavior("/api/*");
    String function =
        (String) at(behavior, "FunctionAssociations", 0, "FunctionARN", "Fn::GetAtt", 0);
    assertEquals("viewer-request", at(behavior, "FunctionAssociations", 0, "EventType"));
    String code = (String) s.properties(function).get("FunctionCode");
    assertTrue(
        code.contains(
            "request.headers['" + Api.VIEWER_IP_HEADER + "'] = { value: event.viewer.ip }"),
        code);
  }

  @Test
  void spaFilesAreDeployedAndTheCacheInvalidated() {
    s.template.hasResourceProperties(
        "Custom::CDKBucketDeployment",
        Map.of(
            "DestinationBucketName", s.ref(s.stack.website().site()),
            "DistributionId", s.ref(s.stack.website().distribution()),
            "DistributionPaths", List.of("/*")));
    boolean built =
        Files.isDirectory(ProjectPaths.discover(java.util.Optional.empty()).frontendDir());
    assertEquals(!built, s.stack.website().placeholder());
  }

  @Test
  void aPlaceholderPageIsDeployedWhenTheSpaWasNotBuilt() {
    Synthesized v = Synthesized.variant();
    assertTrue(v.stack.website().placeholder());
    v.template.resourceCountIs("Custom::CDKBucketDeployment", 1);
    assertTrue(Website.PLACEHOLDER.contains("frontend/dist"));
  }

  @Test
  void sourceMapsAreNotDeployedAndTheSiteIsServedCompressed() {
    Map<String, Object> deploy = s.properties(s.ofType("Custom::CDKBucketDeployment").get(0));
    assertEquals(List.of("*.map"), deploy.get("Exclude"));
    Map<String, Object> site = map(config().get("DefaultCacheBehavior"));
    assertEquals(true, site.get("Compress"));
    // CachingOptimized: gzip and brotli in the cache key, so the edge compresses.
    assertEquals("658327ea-f89d-4fab-a63d-7e88639e58f6", site.get("CachePolicyId"));
  }
}
