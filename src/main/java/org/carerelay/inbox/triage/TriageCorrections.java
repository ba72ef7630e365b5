package org.carerelay.inbox.triage;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.carerelay.crypto.PhiCipher;
import org.carerelay.inbox.Category;
import org.carerelay.shared.Actor;
import org.carerelay.shared.PracticeId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Staff recategorizations ({@code triage_correction}) and the generation of each practice's model
 * ({@code triage_model}), which every node compares with its own to know when to retrain.
 */
@Repository
class TriageCorrections {

    private final JdbcClient jdbc;
    private final PhiCipher cipher;

    TriageCorrections(JdbcClient jdbc, PhiCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    void add(PracticeId practice, TriageCorrection correction, Actor actor) {
        jdbc.sql("""
                INSERT INTO triage_correction (id, practice_id, body, category, crisis, urgent, recorded_at,
                                               recorded_by_type, recorded_by_id)
                VALUES (:id, :practice, :body, :category, :crisis, :urgent, :at, :actorType, :actorId)""")
                .param("id", correction.id()).param("practice", practice.value())
                .param("body", cipher.seal(correction.text(), "triage_correction.body:" + correction.id()))
                .param("category", correction.category().name())
                .param("crisis", correction.crisis()).param("urgent", correction.urgent())
                .param("at", Timestamp.from(correction.recordedAt()))
                .param("actorType", actor.type().name()).param("actorId", actor.id())
                .update();
    }

    List<TriageCorrection> of(PracticeId practice) {
        return jdbc.sql("""
                SELECT id, body, category, crisis, urgent, recorded_at FROM triage_correction
                WHERE practice_id = :practice ORDER BY recorded_at, id""")
                .param("practice", practice.value())
                .query((rs, n) -> new TriageCorrection(rs.getObject("id", UUID.class), cipher.open(rs.getString("body"),
                                "triage_correction.body:" + rs.getObject("id", UUID.class)),
                        Category.valueOf(rs.getString("category")), (Boolean) rs.getObject("crisis"),
                        (Boolean) rs.getObject("urgent"), rs.getTimestamp("recorded_at").toInstant()))
                .list();
    }

    /**
     * Starts the practice's next model generation, unless another node already started one that has every
     * correction: the nightly retrain runs on every node and only one of them should count. Returns the new
     * generation, or 0 when there was nothing new.
     */
    long nextGeneration(PracticeId practice, Instant now, boolean onlyIfNewCorrections) {
        return jdbc.sql("""
                INSERT INTO triage_model AS m (practice_id, generation, trained_at, corrections)
                SELECT :practice, 1, :now, count(*) FROM triage_correction WHERE practice_id = :practice
                ON CONFLICT (practice_id) DO UPDATE
                    SET generation = m.generation + 1, trained_at = :now, corrections = excluded.corrections
                    WHERE NOT CAST(:onlyIfNew AS boolean) OR EXISTS (SELECT FROM triage_correction c
                                                    WHERE c.practice_id = :practice
                                                      AND c.recorded_at > m.trained_at)
                RETURNING generation""")
                .param("practice", practice.value()).param("now", Timestamp.from(now))
                .param("onlyIfNew", onlyIfNewCorrections)
                .query(Long.class).optional().orElse(0L);
    }

    /** Practices whose corrections are newer than their model, or that have corrections and no model yet. */
    List<PracticeId> withNewCorrections() {
        return jdbc.sql("""
                SELECT DISTINCT c.practice_id FROM triage_correction c
                LEFT JOIN triage_model m ON m.practice_id = c.practice_id
                WHERE m.practice_id IS NULL OR c.recorded_at > m.trained_at""")
                .query((rs, n) -> new PracticeId(rs.getObject(1, UUID.class))).list();
    }

    /** Each practice's current model generation. */
    List<Generation> generations() {
        return jdbc.sql("SELECT practice_id, generation FROM triage_model")
                .query((rs, n) -> new Generation(new PracticeId(rs.getObject(1, UUID.class)), rs.getLong(2))).list();
    }

    record Generation(PracticeId practice, long generation) {
    }
}
