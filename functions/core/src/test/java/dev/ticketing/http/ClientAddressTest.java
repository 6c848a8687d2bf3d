package dev.ticketing.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ticketing.settings.Settings;
import io.micronaut.http.HttpRequest;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClientAddressTest {

  @Test
  void anIpv4AddressCountsAsItselfWithOrWithoutAPort() {
    assertEquals(Optional.of("198.51.100.10"), ClientAddress.normalize("198.51.100.10"));
    assertEquals(Optional.of("198.51.100.10"), ClientAddress.normalize(" 198.51.100.10:46532 "));
  }

  @Test
  void anIpv6AddressCountsByItsSlash64() {
    assertEquals(Optional.of("2001:db8:0:1::/64"), ClientAddress.normalize("2001:db8:0:1::7"));
    assertEquals(
        Optional.of("2001:db8:0:1::/64"),
        ClientAddress.normalize("2001:0DB8:0000:0001:ffff:ffff:ffff:ffff"));
    assertEquals(
        Optional.of("2001:db8:0:1::/64"), ClientAddress.normalize("[2001:db8:0:1::7]:443"));
    assertEquals(Optional.of("0:0:0:0::/64"), ClientAddress.normalize("::1"));
    assertEquals(Optional.of("fe80:0:0:0::/64"), ClientAddress.normalize("fe80::1%eth0"));
  }

  @Test
  void anIpv4MappedIpv6AddressCountsAsTheIpv4Address() {
    assertEquals(Optional.of("192.0.2.33"), ClientAddress.normalize("::ffff:192.0.2.33"));
    assertEquals(Optional.of("192.0.2.33"), ClientAddress.normalize("::ffff:c000:221"));
  }

  @Test
  void anythingElseIsUnknown() {
    for (String bad :
        new String[] {
          null,
          "",
          "  ",
          "example.com",
          "256.1.1.1",
          "1.2.3",
          "1::2::3",
          "1:2:3:4:5:6:7:8:9",
          "[::1",
          "g::1",
          "1.2.3.4.5"
        }) {
      assertEquals(Optional.empty(), ClientAddress.normalize(bad), String.valueOf(bad));
    }
  }

  @Test
  void theConfiguredHeaderIsTheOnlySourceWhenSet() {
    ClientAddresses fromHeader =
        new ClientAddresses(Settings.from(Map.of("CLIENT_ADDRESS_HEADER", "x-viewer-ip")));
    ClientAddresses fromConnection = new ClientAddresses(Settings.from(Map.of()));
    HttpRequest<?> request = HttpRequest.GET("/").header("x-viewer-ip", "203.0.113.9");

    assertEquals(Optional.of("203.0.113.9"), fromHeader.of(request));
    assertEquals(Optional.empty(), fromHeader.of(HttpRequest.GET("/")), "header missing");
    assertEquals(
        Optional.empty(), fromConnection.of(request), "a client's own header is not trusted");
  }
}
