package dev.ticketing.operatorconsole;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.spec.InvalidKeySpecException;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Operator passwords as salted PBKDF2-HMAC-SHA256 hashes: {@code pbkdf2-sha256$<iterations>$<salt
 * base64>$<hash base64>}, the form {@code OPERATOR_ACCOUNTS} holds (docs/deploy.md). The iterations
 * are OWASP's recommendation for this PRF; they travel in the hash, so raising them later keeps old
 * hashes valid.
 *
 * <p>{@code java -cp operator-console-lambda.jar dev.ticketing.operatorconsole.PasswordHashes}
 * reads a password (twice, from the console, or one line of standard input) and prints its hash:
 * what {@code scripts/add-operator} stores.
 */
public final class PasswordHashes {
  public static final String SCHEME = "pbkdf2-sha256";
  public static final int ITERATIONS = 600_000;
  static final int SALT_BYTES = 16;
  static final int HASH_BITS = 256;
  public static final int MIN_PASSWORD_LENGTH = 12;

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder B64 = Base64.getEncoder();
  private static final Base64.Decoder B64D = Base64.getDecoder();

  private PasswordHashes() {}

  public static String hash(char[] password) {
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    return SCHEME
        + "$"
        + ITERATIONS
        + "$"
        + B64.encodeToString(salt)
        + "$"
        + B64.encodeToString(derive(password, salt, ITERATIONS, HASH_BITS));
  }

  /** Whether {@code password} matches {@code hash}; false for a hash not of this form. */
  public static boolean matches(char[] password, String hash) {
    String[] parts = hash == null ? new String[0] : hash.split("\\$");
    if (parts.length != 4 || !SCHEME.equals(parts[0])) {
      return false;
    }
    try {
      int iterations = Integer.parseInt(parts[1]);
      byte[] salt = B64D.decode(parts[2]);
      byte[] expected = B64D.decode(parts[3]);
      if (iterations < 1 || iterations > 10_000_000 || expected.length == 0) {
        return false;
      }
      return MessageDigest.isEqual(
          expected, derive(password, salt, iterations, expected.length * 8));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Whether {@code hash} has this class's form (so a typo in a secret is found at start). */
  public static boolean wellFormed(String hash) {
    String[] parts = hash == null ? new String[0] : hash.split("\\$");
    if (parts.length != 4 || !SCHEME.equals(parts[0])) {
      return false;
    }
    try {
      Integer.parseInt(parts[1]);
      B64D.decode(parts[2]);
      return B64D.decode(parts[3]).length > 0;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * A hash's cost for a name that has no account, so a wrong name takes as long as a wrong
   * password.
   */
  static void burn(char[] password) {
    derive(password, new byte[SALT_BYTES], ITERATIONS, HASH_BITS);
  }

  private static byte[] derive(char[] password, byte[] salt, int iterations, int bits) {
    PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, bits);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
      throw new IllegalStateException(e);
    } finally {
      spec.clearPassword();
    }
  }

  public static void main(String[] args) throws IOException {
    char[] password;
    Console console = System.console();
    if (console != null) {
      password = console.readPassword("Password of the operator: ");
      char[] again = console.readPassword("Again: ");
      if (password == null || !Arrays.equals(password, again)) {
        System.err.println("the two passwords differ");
        System.exit(2);
      }
    } else {
      String line =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      password = line == null ? new char[0] : line.toCharArray();
    }
    if (password.length < MIN_PASSWORD_LENGTH) {
      System.err.println(
          "an operator's password has at least " + MIN_PASSWORD_LENGTH + " characters");
      System.exit(2);
    }
    System.out.println(hash(password));
  }
}
