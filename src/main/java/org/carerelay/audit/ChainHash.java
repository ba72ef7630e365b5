package org.carerelay.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The hash of an audit row: SHA-256 over its canonical form, a compact JSON array of
 * {@code ["v1", id, practice_id, chain_seq, occurred_at, actor_type, actor_id, action, target_type, target_id,
 * payload, prev_hash]} where occurred_at is ISO-8601 UTC at microsecond precision (PostgreSQL's) and payload
 * is JSON with keys sorted. A JSON array cannot be confused by separators inside values.
 */
final class ChainHash {

    /** The {@code prev_hash} of the first event of a practice's chain. */
    static final String GENESIS = "0".repeat(64);

    private static final JsonMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private ChainHash() {
    }

    record Row(UUID id, UUID practiceId, long chainSeq, Instant occurredAt, String actorType, String actorId,
            String action, String targetType, String targetId, Map<String, Object> payload, String prevHash) {
    }

    static String of(Row row) {
        List<Object> canonical = new ArrayList<>(Arrays.asList("v1", row.id().toString(), row.practiceId().toString(),
                row.chainSeq(), row.occurredAt().toString(), row.actorType(), row.actorId(), row.action(),
                row.targetType(), row.targetId(), row.payload(), row.prevHash()));
        return sha256(CANONICAL.writeValueAsString(canonical));
    }

    static String payloadJson(Map<String, Object> payload) {
        return CANONICAL.writeValueAsString(payload);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> parsePayload(String json) {
        return CANONICAL.readValue(json, Map.class);
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
