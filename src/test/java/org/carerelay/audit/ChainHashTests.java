package org.carerelay.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class ChainHashTests {

    private final UUID id = UUID.fromString("11111111-1111-1111-1111-111111111111");
    private final UUID practice = UUID.fromString("22222222-2222-2222-2222-222222222222");
    private final Instant at = Instant.parse("2026-11-21T19:00:00.123456Z");

    @Test
    void isTheSameWhateverTheOrderOfThePayloadKeys() {
        Map<String, Object> ab = new LinkedHashMap<>();
        ab.put("a", "1");
        ab.put("b", 2);
        Map<String, Object> ba = new LinkedHashMap<>();
        ba.put("b", 2);
        ba.put("a", "1");
        assertThat(ChainHash.of(row(ab, ChainHash.GENESIS))).isEqualTo(ChainHash.of(row(ba, ChainHash.GENESIS)));
    }

    @Test
    void changesWithAnyFieldAndWithThePreviousHash() {
        String original = ChainHash.of(row(Map.of("a", "1"), ChainHash.GENESIS));
        assertThat(original).hasSize(64);
        assertThat(ChainHash.of(row(Map.of("a", "2"), ChainHash.GENESIS))).isNotEqualTo(original);
        assertThat(ChainHash.of(row(Map.of("a", "1"), "1".repeat(64)))).isNotEqualTo(original);
    }

    @Test
    void survivesTheRoundTripThroughJsonb() {
        Map<String, Object> payload = Map.of("ids", java.util.List.of("x", "y"), "count", 3, "flag", true);
        String stored = "{\"flag\": true, \"ids\": [\"x\", \"y\"], \"count\": 3}"; // as jsonb prints it
        assertThat(ChainHash.of(row(ChainHash.parsePayload(stored), ChainHash.GENESIS)))
                .isEqualTo(ChainHash.of(row(payload, ChainHash.GENESIS)));
    }

    private ChainHash.Row row(Map<String, Object> payload, String prev) {
        return new ChainHash.Row(id, practice, 1, at, "SYSTEM", "test", "test.happened", null, null, payload, prev);
    }
}
