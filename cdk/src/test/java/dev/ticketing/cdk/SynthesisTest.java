package dev.ticketing.cdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SynthesisTest {
  @Test
  void synthWritesTheTemplateToCdkOutOfflineWithoutCredentials() throws Exception {
    Synthesized s = Synthesized.defaults();
    Path template = Path.of("cdk.out", TicketingApp.STACK_NAME + ".template.json").toAbsolutePath();
    assertEquals(template.getParent(), Path.of(s.assembly.getDirectory()).toAbsolutePath());
    assertTrue(Files.size(template) > 10_000, template + " was not written");
    // Environment-agnostic: account and region stay unresolved pseudo parameters, nothing was
    // looked up (a lookup would have recorded missing context).
    assertTrue(
        s.assembly.getManifest().getMissing() == null
            || s.assembly.getManifest().getMissing().isEmpty());
    assertEquals(
        "unknown-account",
        s.assembly.getStackByName(TicketingApp.STACK_NAME).getEnvironment().getAccount());
  }

  @Test
  void everyFunctionShipsTheJarItsModuleBuilt() throws Exception {
    Synthesized s = Synthesized.defaults();
    List<ServiceFunction> all = new ArrayList<>(s.stack.functions().api().values());
    all.add(s.stack.functions().advancer());
    all.add(s.stack.functions().admin());
    all.add(s.stack.functions().migration());
    ProjectPaths paths = ProjectPaths.discover(Optional.empty());
    for (ServiceFunction f : all) {
      String key = (String) Json.at(s.properties(f.function()), "Code", "S3Key");
      Path staged = Path.of(s.assembly.getDirectory(), "asset." + key);
      Path built = paths.lambdaJar(f.spec().module());
      assertEquals(-1L, Files.mismatch(staged, built), f.spec().module() + ": " + staged);
    }
    assertEquals(7, all.size());
  }
}
