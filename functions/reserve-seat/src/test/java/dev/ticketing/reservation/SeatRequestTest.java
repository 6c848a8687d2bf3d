package dev.ticketing.reservation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ticketing.error.ApiException;
import io.micronaut.json.JsonMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SeatRequestTest {
  private static final JsonMapper JSON = JsonMapper.createDefault();

  /** The atomic strategy's stored procedure has a parameter for each seat a request may hold. */
  @Test
  void theLargestRequestFitsTheAtomicProcedure() {
    assertTrue(SeatRequest.MAX_SEATS <= AtomicUpdateStrategy.MAX_SEATS);
  }

  @Test
  void oneToFourDistinctPositiveIdsAreAccepted() {
    assertEquals(List.of(7L), SeatRequest.parse("{\"seatIds\":[7]}", JSON).seatIds());
    assertEquals(
        List.of(4L, 1L, 3L, 2L), SeatRequest.parse("{\"seatIds\":[4,1,3,2]}", JSON).seatIds());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "   ",
        "null",
        "[1,2]",
        "\"seat\"",
        "{not json",
        "{}",
        "{\"seatIds\": null}",
        "{\"seatIds\": 5}",
        "{\"seatIds\": \"1,2\"}",
        "{\"seatIds\": []}",
        "{\"seatIds\": [1,2,3,4,5]}",
        "{\"seatIds\": [1,1]}",
        "{\"seatIds\": [\"1\"]}",
        "{\"seatIds\": [1.5]}",
        "{\"seatIds\": [2.0]}",
        "{\"seatIds\": [0]}",
        "{\"seatIds\": [-3]}",
        "{\"seatIds\": [null]}",
        "{\"seatIds\": [true]}",
        "{\"seatIds\": [{}]}",
        "{\"seatIds\": [99999999999999999999999]}"
      })
  void anythingElseIsABadRequest(String body) {
    ApiException e = assertThrows(ApiException.class, () -> SeatRequest.parse(body, JSON));
    assertEquals(400, e.status().getCode());
    assertEquals("invalid_body", e.code().code());
  }
}
