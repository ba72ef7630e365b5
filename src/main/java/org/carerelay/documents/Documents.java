package org.carerelay.documents;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.carerelay.audit.AuditEvent;
import org.carerelay.audit.AuditLog;
import org.carerelay.crypto.PhiCipher;
import org.carerelay.practice.ClinicalAccess;
import org.carerelay.practice.PatientId;
import org.carerelay.practice.Patients;
import org.carerelay.shared.Actor;
import org.carerelay.shared.Caller;
import org.carerelay.shared.InvalidFieldException;
import org.carerelay.shared.NotFoundException;
import org.carerelay.shared.PracticeId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * A patient's documents. Staff upload them (content sealed, then kept in the document store) and release them to
 * the patient's portal; the patient downloads a released one through a link that works for
 * {@link #LINK_LIFETIME} and names nothing (a random token, kept as its hash). Every view and download is audited.
 */
@Service
public class Documents {

    /** The largest document, as for an e-mail's attachments. */
    public static final int MAX_BYTES = 25 * 1024 * 1024;
    static final Duration LINK_LIFETIME = Duration.ofMinutes(5);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final DocumentStore store;
    private final PhiCipher cipher;
    private final Patients patients;
    private final AuditLog auditLog;
    private final ClinicalAccess clinicalAccess;
    private final Clock clock;

    Documents(JdbcClient jdbc, DocumentStore store, PhiCipher cipher, Patients patients, AuditLog auditLog,
            ClinicalAccess clinicalAccess, Clock clock) {
        this.clinicalAccess = clinicalAccess;
        this.jdbc = jdbc;
        this.store = store;
        this.cipher = cipher;
        this.patients = patients;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    /** Keeps a document for the patient; {@code release}: in their portal at once. */
    @Transactional
    public Document upload(Caller caller, PatientId patient, Document.Kind kind, String title, String filename,
            String contentType, byte[] content, boolean release) {
        requireVisible(caller, patient);
        if (title == null || title.isBlank() || title.length() > 200) {
            throw new InvalidFieldException("title", "must be 1 to 200 characters");
        }
        if (content == null || content.length == 0) {
            throw new InvalidFieldException("file", "must not be empty");
        }
        if (content.length > MAX_BYTES) {
            throw new InvalidFieldException("file", "must be at most 25 MB");
        }
        String name = filename == null || filename.isBlank() ? "document" : filename.strip();
        if (name.length() > 255 || name.contains("/") || name.contains("\\")) {
            throw new InvalidFieldException("file", "has a name CareRelay cannot keep");
        }
        UUID id = keep(caller.practice(), patient, kind, title.strip(), name, contentType, content, release, null);
        auditLog.record(AuditEvent.of(caller, "document.uploaded", AuditEvent.Target.of("document", id),
                Map.of("patient", patient, "kind", kind, "released", release)));
        return find(caller.practice(), id);
    }

    /**
     * Keeps a file the patient sent (an e-mail's attachment) as one of their documents, for staff: not released to
     * the portal, since the patient has it. Once per attachment: asked again, it keeps nothing more. Runs in the
     * caller's transaction (the inbox's, just after it filed or matched the message).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void keepFromPatient(PracticeId practice, Actor actor, PatientId patient, UUID attachmentId,
            String filename, String contentType, byte[] content) {
        boolean kept = jdbc.sql("SELECT EXISTS (SELECT FROM document WHERE from_attachment_id = :attachment)")
                .param("attachment", attachmentId).query(Boolean.class).single();
        if (kept || content.length == 0 || content.length > MAX_BYTES) {
            return;
        }
        String name = attachmentName(filename);
        UUID id = keep(practice, patient, Document.Kind.FROM_PATIENT, name, name, contentType, content, false,
                attachmentId);
        auditLog.record(new AuditEvent(practice, actor, "document.received", AuditEvent.Target.of("document", id),
                Map.of("patient", patient, "attachment", attachmentId)));
    }

    /** An attachment's name as a document's: its last path segment, at most 255 characters. */
    private static String attachmentName(String filename) {
        String name = filename == null ? "" : filename.strip();
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1).strip();
        if (name.isEmpty()) {
            return "attachment";
        }
        return name.length() > 255 ? name.substring(name.length() - 255) : name;
    }

    /**
     * Stores the sealed content, then the document's row; returns its id. The content first: a failed insert
     * leaves an orphan object, never a row without its content.
     */
    private UUID keep(PracticeId practice, PatientId patient, Document.Kind kind, String title, String filename,
            String contentType, byte[] content, boolean release, UUID fromAttachment) {
        UUID id = UUID.randomUUID();
        store.put(id.toString(), cipher.sealBytes(content, "document.content:" + id));
        Instant now = clock.instant();
        jdbc.sql("""
                INSERT INTO document (id, practice_id, patient_id, kind, title, filename, content_type, size_bytes,
                                      storage_key, released_at, created_at, from_attachment_id)
                VALUES (:id, :practice, :patient, :kind, :title, :filename, :type, :size, :key, :released, :now,
                        :attachment)""")
                .param("id", id).param("practice", practice.value()).param("patient", patient.value())
                .param("kind", kind.name())
                .param("title", cipher.seal(title, "document.title:" + id))
                .param("filename", cipher.seal(filename, "document.filename:" + id))
                .param("type", contentType == null || contentType.isBlank() ? "application/octet-stream"
                        : contentType)
                .param("size", content.length).param("key", id.toString())
                .param("released", release ? Timestamp.from(now) : null).param("now", Timestamp.from(now))
                .param("attachment", fromAttachment)
                .update();
        return id;
    }

    /** Every document of the patient's, for staff: a PHI access, audited. */
    @Transactional
    public List<Document> list(Caller caller, PatientId patient) {
        requireVisible(caller, patient);
        List<Document> documents = query(caller.practice(), patient, false);
        auditLog.record(AuditEvent.of(caller, "phi.documents.listed", AuditEvent.Target.of("patient", patient)));
        return documents;
    }

    /** The documents released to the patient, as their portal lists them (audited). */
    @Transactional
    public List<Document> released(Caller caller, PatientId patient) {
        clinicalAccess.requireVisible(caller, patient); // staff viewing the portal as the patient, too
        List<Document> documents = query(caller.practice(), patient, true);
        auditLog.record(AuditEvent.of(caller, "phi.documents.listed", AuditEvent.Target.of("patient", patient)));
        return documents;
    }

    @Transactional
    public Document release(Caller caller, PatientId patient, UUID id) {
        requireVisible(caller, patient);
        Document document = own(caller.practice(), patient, id);
        if (document.releasedAt() == null) {
            jdbc.sql("UPDATE document SET released_at = :now WHERE id = :id")
                    .param("now", Timestamp.from(clock.instant())).param("id", id).update();
            auditLog.record(AuditEvent.of(caller, "document.released", AuditEvent.Target.of("document", id)));
        }
        return find(caller.practice(), id);
    }

    /** A document's content for staff (audited). */
    @Transactional
    public Document.Content content(Caller caller, PatientId patient, UUID id) {
        requireVisible(caller, patient);
        Document document = own(caller.practice(), patient, id);
        auditLog.record(AuditEvent.of(caller, "phi.document.downloaded", AuditEvent.Target.of("document", id)));
        return new Document.Content(document, open(document));
    }

    /**
     * A link that downloads a document released to the patient, for {@link #LINK_LIFETIME}: its path. A document
     * not released, or another patient's, is not found.
     */
    @Transactional
    public String link(Caller caller, PatientId patient, UUID id) {
        Document document = own(caller.practice(), patient, id);
        if (document.releasedAt() == null) {
            throw new NotFoundException("Document");
        }
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        jdbc.sql("INSERT INTO document_link (token_hash, practice_id, document_id, expires_at, created_at) "
                        + "VALUES (:hash, :practice, :document, :expires, :now)")
                .param("hash", hash(token)).param("practice", caller.practice().value()).param("document", id)
                .param("expires", Timestamp.from(now.plus(LINK_LIFETIME))).param("now", Timestamp.from(now))
                .update();
        return "/documents/download/" + token;
    }

    /** The document a download link stands for, while it is valid; the download is audited as the patient's. */
    @Transactional
    public Optional<Document.Content> download(String token) {
        if (token == null || token.length() > 64) {
            return Optional.empty();
        }
        Optional<Map<String, Object>> link = jdbc.sql("SELECT l.practice_id, l.document_id FROM document_link l "
                        + "WHERE l.token_hash = :hash AND l.expires_at > :now")
                .param("hash", hash(token)).param("now", Timestamp.from(clock.instant()))
                .query().listOfRows().stream().findFirst();
        return link.map(row -> {
            PracticeId practice = new PracticeId((UUID) row.get("practice_id"));
            Document document = find(practice, (UUID) row.get("document_id"));
            auditLog.record(new AuditEvent(practice, new Actor(Actor.Type.PATIENT, document.patientId().toString()),
                    "phi.document.downloaded", AuditEvent.Target.of("document", document.id()), Map.of("via", "link")));
            return new Document.Content(document, open(document));
        });
    }

    /** Staff work with the documents of patients whose clinical content they may see (a doctor: their panel). */
    private void requireVisible(Caller caller, PatientId patient) {
        patients.requireExists(caller.practice(), patient);
        clinicalAccess.requireVisible(caller, patient);
    }

    private byte[] open(Document document) {
        return cipher.openBytes(store.get(document.id().toString()), "document.content:" + document.id());
    }

    private Document own(PracticeId practice, PatientId patient, UUID id) {
        Document document = find(practice, id);
        if (!document.patientId().equals(patient.value())) {
            throw new NotFoundException("Document");
        }
        return document;
    }

    private Document find(PracticeId practice, UUID id) {
        return jdbc.sql("SELECT * FROM document WHERE practice_id = :practice AND id = :id")
                .param("practice", practice.value()).param("id", id)
                .query(this::document).optional()
                .orElseThrow(() -> new NotFoundException("Document"));
    }

    private List<Document> query(PracticeId practice, PatientId patient, boolean releasedOnly) {
        return jdbc.sql("SELECT * FROM document WHERE practice_id = :practice AND patient_id = :patient "
                        + (releasedOnly ? "AND released_at IS NOT NULL " : "") + "ORDER BY created_at DESC, id")
                .param("practice", practice.value()).param("patient", patient.value())
                .query(this::document).list();
    }

    private Document document(ResultSet rs, int row) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        Timestamp released = rs.getTimestamp("released_at");
        return new Document(id, rs.getObject("patient_id", UUID.class), Document.Kind.valueOf(rs.getString("kind")),
                cipher.open(rs.getString("title"), "document.title:" + id),
                cipher.open(rs.getString("filename"), "document.filename:" + id), rs.getString("content_type"),
                rs.getLong("size_bytes"), released == null ? null : released.toInstant(),
                rs.getTimestamp("created_at").toInstant());
    }

    private static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}
