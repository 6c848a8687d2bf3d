package dev.ticketing.cdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.cxapi.SynthesisMessage;

class NagTest {
  @Test
  void awsSolutionsPackReportsNoUnsuppressedErrors() {
    assertNoFindings(Synthesized.defaults(), true);
  }

  @Test
  void awsSolutionsPackReportsNoUnsuppressedWarnings() {
    assertNoFindings(Synthesized.defaults(), false);
  }

  @Test
  void aTestStackWithoutDeletionProtectionIsAlsoClean() {
    assertNoFindings(Synthesized.variant(), true);
  }

  @Test
  @SuppressWarnings("unchecked")
  void everySuppressionNamesARuleAndGivesASpecificReason() {
    Synthesized s = Synthesized.defaults();
    int suppressions = 0;
    for (Map.Entry<String, Object> e : s.resources().entrySet()) {
      Map<String, Object> metadata =
          (Map<String, Object>)
              ((Map<String, Object>) e.getValue()).getOrDefault("Metadata", Map.of());
      Map<String, Object> nag = (Map<String, Object>) metadata.get("cdk_nag");
      if (nag == null) {
        continue;
      }
      for (Map<String, Object> rule : (List<Map<String, Object>>) nag.get("rules_to_suppress")) {
        suppressions++;
        String id = (String) rule.get("id");
        String reason = (String) rule.get("reason");
        assertTrue(id.startsWith("AwsSolutions-"), e.getKey() + ": " + id);
        assertTrue(
            reason != null && reason.length() >= 60,
            e.getKey() + " suppresses " + id + " without a specific reason: " + reason);
        assertFalse(reason.toLowerCase().contains("todo"), reason);
      }
    }
    assertTrue(suppressions > 0);
  }

  private static void assertNoFindings(Synthesized s, boolean errors) {
    Annotations annotations = Annotations.fromStack(s.stack);
    List<SynthesisMessage> found =
        errors
            ? annotations.findError("*", Match.stringLikeRegexp("AwsSolutions-.*"))
            : annotations.findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*"));
    List<String> lines = new ArrayList<>();
    for (SynthesisMessage m : found) {
      lines.add(
          m.getId() + ": " + String.valueOf(m.getEntry().getData()).lines().findFirst().orElse(""));
    }
    assertEquals(List.of(), lines, "unsuppressed cdk-nag " + (errors ? "errors" : "warnings"));
  }
}
