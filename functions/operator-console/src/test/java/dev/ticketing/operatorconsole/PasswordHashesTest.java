package dev.ticketing.operatorconsole;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ticketing.settings.InvalidSettingException;
import io.micronaut.json.JsonMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Operator passwords are kept only as salted PBKDF2 hashes; the accounts' JSON is checked when the
 * console starts, and Secrets Manager's generated placeholder is ignored.
 */
class PasswordHashesTest {
  @Test
  void aHashMatchesItsPasswordOnlyAndTwoHashesOfOnePasswordDiffer() {
    String hash = PasswordHashes.hash("correct horse battery".toCharArray());
    assertTrue(hash.startsWith("pbkdf2-sha256$600000$"), hash);
    assertTrue(PasswordHashes.matches("correct horse battery".toCharArray(), hash));
    assertFalse(PasswordHashes.matches("correct horse batterY".toCharArray(), hash));
    assertNotEquals(hash, PasswordHashes.hash("correct horse battery".toCharArray()), "salted");
    assertFalse(PasswordHashes.matches("x".toCharArray(), "plain-text-password"));
    assertFalse(PasswordHashes.matches("x".toCharArray(), "pbkdf2-sha256$abc$AA==$AA=="));
  }

  @Test
  void theAccountsIgnoreThePlaceholderAndRefuseAnythingButHashes() {
    JsonMapper json = JsonMapper.createDefault();
    String hash = PasswordHashes.hash("a long enough password".toCharArray());
    assertEquals(
        Map.of("alice", hash),
        OperatorCredentials.accounts(
            "{\"_placeholder\":\"Zx81\",\"alice\":\"" + hash + "\"}", json));
    assertThrows(
        InvalidSettingException.class,
        () -> OperatorCredentials.accounts("{\"bob\":\"hunter2\"}", json));
    assertThrows(InvalidSettingException.class, () -> OperatorCredentials.accounts("[]", json));
  }
}
