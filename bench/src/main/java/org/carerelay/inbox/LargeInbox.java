package org.carerelay.inbox;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

import org.carerelay.crypto.PhiCipher;
import org.carerelay.shared.PracticeId;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * A large practice's inbox written straight into the tables, as the schema owner, with set-based SQL
 * ({@code INSERT … SELECT … FROM generate_series}): patients with a mobile phone (and an e-mail for half of them),
 * conversations of 2–8 messages (5 on average) with a realistic mix of open and resolved, categories, queues,
 * urgent and crisis flags, channels, assignments, reply clocks and unknown senders, spread over two years with the
 * open ones mostly recent. The service layer would take hours for a million messages.
 *
 * <p>Only the message bodies and triage reasons pass through Java: the real {@link PhiCipher} seals them, row by
 * row, because a sealed value is bound to its row id ({@code "inbox_message.body:" + id}); the sealed values go
 * back by COPY and are joined in. Rows are inserted in the order they would have arrived, so that a conversation's
 * messages lie scattered over the table as they do in a live one.
 */
final class LargeInbox {

    /** How big: the figures are 100,000 patients and 1,000,000 messages (200,000 conversations). */
    record Size(int patients, int conversations) {
    }

    record Loaded(long patients, long conversations, long open, long messages, Duration took) {
    }

    private static final int PROVIDERS = 5;

    private final Connection owner;
    private final Connection reader;
    private final PhiCipher cipher;
    private final PracticeId practice;

    LargeInbox(Connection owner, Connection reader, PhiCipher cipher, PracticeId practice) {
        this.owner = owner;
        this.reader = reader;
        this.cipher = cipher;
        this.practice = practice;
    }

    Loaded load(Size size) throws SQLException {
        long started = System.nanoTime();
        run("SET work_mem = '256MB'");
        run("SET maintenance_work_mem = '512MB'");
        step("patients and contact points", () -> patients(size));
        step("conversations", () -> conversations(size));
        step("messages sealed by PhiCipher", this::sealMessages);
        step("messages", this::messages);
        step("vacuum and analyze", this::analyze);
        for (String staging : new String[] {"bench_patient", "bench_provider", "bench_staff", "bench_thread",
                "bench_message", "bench_sealed"}) {
            run("DROP TABLE " + staging);
        }
        return new Loaded(count("patient"), count("conversation"),
                count("conversation WHERE status = 'OPEN' AND practice_id = '" + practice + "'"),
                count("inbox_message"),
                Duration.ofNanos(System.nanoTime() - started));
    }

    private void patients(Size size) throws SQLException {
        run("""
                CREATE UNLOGGED TABLE bench_provider AS
                SELECT n, gen_random_uuid() AS id FROM generate_series(0, %d) n""".formatted(PROVIDERS - 1));
        run("""
                INSERT INTO provider (id, practice_id, given_name, family_name, credentials, created_at, updated_at)
                SELECT id, '%s', 'Provider', 'Bench ' || n, 'MD', now(), now() FROM bench_provider"""
                .formatted(practice));
        // Doctors see clinical content for their panel: link each to a provider, as a Clinic Admin would.
        run("""
                UPDATE staff_user s SET provider_id = p.id FROM bench_provider p
                WHERE s.practice_id = '%s' AND s.role = 'DOCTOR'
                  AND p.n = abs(hashtext(s.id::text)) %% %d""".formatted(practice, PROVIDERS));
        run("CREATE UNLOGGED TABLE bench_patient AS SELECT n, gen_random_uuid() AS id FROM generate_series(0, %d) n"
                .formatted(size.patients() - 1));
        run("""
                INSERT INTO patient (id, practice_id, given_name, family_name, date_of_birth, mrn, sex,
                                     preferred_language, preferred_channel, usual_provider_id, created_at, updated_at)
                SELECT b.id, '%s',
                       (ARRAY['Ana', 'Ben', 'Carla', 'David', 'Elena', 'Frank', 'Grace', 'Hector', 'Ines', 'Jamal',
                              'Keiko', 'Luis', 'Maya', 'Noah', 'Olga', 'Priya', 'Quinn', 'Rosa', 'Sam', 'Tariq'])
                           [1 + b.n %% 20],
                       (ARRAY['Adams', 'Baker', 'Chen', 'Diaz', 'Evans', 'Fischer', 'Garcia', 'Haddad', 'Ito',
                              'Jones', 'Kowalski', 'Lopez', 'Murphy', 'Nguyen', 'Okafor', 'Patel', 'Quist', 'Rossi',
                              'Silva', 'Tanaka', 'Ueda', 'Varga', 'Walsh', 'Xu', 'Young'])[1 + (b.n / 20) %% 25],
                       date '1935-01-01' + (b.n * 7919) %% 30000, 'MRN-' || lpad(b.n::text, 7, '0'),
                       (ARRAY['FEMALE', 'MALE', 'OTHER', 'UNKNOWN'])[1 + b.n %% 4],
                       CASE WHEN b.n %% 6 = 0 THEN 'es' ELSE 'en' END,
                       (ARRAY['SMS', 'SMS', 'EMAIL', 'PORTAL'])[1 + b.n %% 4],
                       CASE WHEN b.n %% 5 < 3 THEN p.id END, now() - interval '3 years', now() - interval '3 years'
                FROM bench_patient b JOIN bench_provider p ON p.n = b.n %% %d""".formatted(practice, PROVIDERS));
        run("""
                INSERT INTO contact_point (id, practice_id, patient_id, system, value, verified, created_at,
                                           updated_at)
                SELECT gen_random_uuid(), '%1$s'::uuid, id, 'PHONE', '+1312' || (2000000 + n), true,
                       now() - interval '3 years', now() - interval '3 years' FROM bench_patient
                UNION ALL
                SELECT gen_random_uuid(), '%1$s'::uuid, id, 'EMAIL', 'patient' || n || '@mail.example.test', true,
                       now() - interval '3 years', now() - interval '3 years' FROM bench_patient WHERE n %% 2 = 0"""
                .formatted(practice));
        run("""
                INSERT INTO consent_change (practice_id, contact_point_id, purpose, granted, source, recorded_at,
                                            recorded_by_type, recorded_by_id)
                SELECT practice_id, id, CASE system WHEN 'PHONE' THEN 'TRANSACTIONAL_SMS' ELSE 'EMAIL' END, true,
                       'WRITTEN_FORM', created_at, 'SYSTEM', 'bench'
                FROM contact_point WHERE practice_id = '%s'""".formatted(practice));
    }

    /**
     * Conversations arrive evenly over two years (about 270 a day at full size). Most of the last two days' are
     * open, a third of the month's, and one in twelve older ones was never closed: about 15,000 open at full size,
     * most of them stale, which is what makes filtering the open ones work. An open conversation whose last
     * message is the patient's has its reply clock running: 2 h if urgent, 24 h for admin and billing, else 4 h.
     */
    private void conversations(Size size) throws SQLException {
        run("""
                CREATE UNLOGGED TABLE bench_staff AS
                SELECT row_number() OVER (ORDER BY id) - 1 AS n, id FROM staff_user
                WHERE practice_id = '%s' AND role <> 'READ_ONLY'""".formatted(practice));
        long staff = count("bench_staff");
        run("""
                CREATE UNLOGGED TABLE bench_thread AS
                WITH drawn AS (
                    SELECT c, gen_random_uuid() AS id, random() AS r_open, random() AS r_cat, random() AS r_flag,
                           random() AS r_channel, random() AS r_match, random() AS r_assign, random() AS r_age,
                           2 + floor(random() * 7)::int AS messages, floor(random() * %2$d)::int AS patient_n,
                           floor(random() * %3$d)::int AS staff_n,
                           interval '5 minutes' + random() * interval '6 hours' AS gap
                    FROM generate_series(1, %1$d) c
                ), aged AS (
                    SELECT d.*, r_age * interval '730 days' AS age FROM drawn d
                ), shaped AS (
                    SELECT d.*, r_open < CASE WHEN age < interval '2 days' THEN 0.8
                                              WHEN age < interval '30 days' THEN 0.3 ELSE 0.08 END AS open,
                           CASE WHEN r_flag < 0.005 THEN 'CLINICAL'
                                WHEN r_cat < 0.35 THEN 'APPOINTMENT' WHEN r_cat < 0.50 THEN 'REFILL'
                                WHEN r_cat < 0.60 THEN 'BILLING' WHEN r_cat < 0.70 THEN 'RESULTS'
                                WHEN r_cat < 0.80 THEN 'CLINICAL' WHEN r_cat < 0.90 THEN 'ADMIN'
                                ELSE 'OTHER' END AS category,
                           r_flag < 0.05 AS urgent, r_flag < 0.005 AS crisis,
                           CASE WHEN r_channel < 0.6 THEN 'SMS' WHEN r_channel < 0.8 THEN 'EMAIL'
                                WHEN r_channel < 0.9 THEN 'VOICE' ELSE 'PORTAL' END AS channel,
                           r_match >= 0.05 AS matched
                    FROM aged d
                )
                SELECT s.c AS n, s.id, s.messages, s.open, s.category, s.urgent, s.crisis, s.channel, s.gap,
                       CASE WHEN s.matched THEN p.id END AS patient_id,
                       CASE WHEN NOT s.matched THEN '+1773' || (3000000 + s.c %% 900000)
                            WHEN s.channel IN ('SMS', 'VOICE') THEN '+1312' || (2000000 + s.patient_n)
                            ELSE 'patient' || s.patient_n || '@mail.example.test' END AS sender,
                       CASE WHEN s.urgent THEN 'ON_CALL'
                            WHEN s.category IN ('REFILL', 'RESULTS', 'CLINICAL') THEN 'CLINICAL'
                            ELSE 'FRONT_DESK' END AS queue,
                       CASE WHEN s.r_assign < CASE WHEN s.open THEN 0.5 ELSE 0.8 END THEN st.id END AS assigned_to,
                       st.id AS replier,
                       now() - s.age AS last_at
                FROM shaped s JOIN bench_patient p ON p.n = s.patient_n JOIN bench_staff st ON st.n = s.staff_n"""
                .formatted(size.conversations(), size.patients(), staff));
        run("""
                INSERT INTO conversation (id, practice_id, patient_id, sender, channel, category, urgent, crisis,
                                          queue, status, assigned_to, sla_started_at, sla_warn_at, sla_due_at,
                                          first_response_at, resolved_at, last_message_at, created_at, updated_at)
                SELECT id, '%s', patient_id, sender, channel, category, urgent, crisis, queue,
                       CASE WHEN open THEN 'OPEN' ELSE 'RESOLVED' END, assigned_to,
                       CASE WHEN awaiting THEN last_at END, CASE WHEN awaiting THEN last_at + 0.8 * allowed END,
                       CASE WHEN awaiting THEN last_at + allowed END, first_at + gap,
                       CASE WHEN NOT open THEN last_at END, last_at, first_at, last_at
                FROM (SELECT t.*, t.open AND t.messages %% 2 = 1 AS awaiting,
                             t.last_at - (t.messages - 1) * t.gap AS first_at,
                             CASE WHEN t.urgent THEN interval '2 hours'
                                  WHEN t.category IN ('ADMIN', 'BILLING') THEN interval '24 hours'
                                  ELSE interval '4 hours' END AS allowed
                      FROM bench_thread t) x
                ORDER BY first_at""".formatted(practice));
        // Messages alternate, the patient's first: an odd count ends with the patient waiting for a reply.
        run("""
                CREATE UNLOGGED TABLE bench_message AS
                SELECT gen_random_uuid() AS id, t.id AS conversation_id, i % 2 = 0 AS inbound, t.channel, t.sender,
                       t.category, t.urgent, t.crisis, t.replier, t.last_at - (t.messages - 1 - i) * t.gap AS created_at
                FROM bench_thread t, generate_series(0, t.messages - 1) i""");
        run("CREATE UNLOGGED TABLE bench_sealed (id uuid, body text, reasons text)");
    }

    /**
     * Reads each staged message's id and kind, seals its texts for its row, and copies them back. COPY's text
     * format needs no escaping here: a sealed value is its prefix and base64.
     */
    private void sealMessages() throws SQLException {
        reader.setAutoCommit(false);
        CopyIn copy = owner.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY bench_sealed (id, body, reasons) FROM STDIN");
        try (Statement statement = reader.createStatement()) {
            statement.setFetchSize(10_000);
            ResultSet rows = statement.executeQuery("SELECT id, inbound, category, urgent, crisis FROM bench_message");
            StringBuilder batch = new StringBuilder();
            long n = 0;
            while (rows.next()) {
                UUID id = rows.getObject("id", UUID.class);
                boolean inbound = rows.getBoolean("inbound");
                Category category = Category.valueOf(rows.getString("category"));
                boolean urgent = rows.getBoolean("urgent");
                boolean crisis = rows.getBoolean("crisis");
                String text = inbound ? SyntheticTexts.fromPatient(category, urgent, crisis, n)
                        : SyntheticTexts.reply(n);
                batch.append(id).append('\t').append(cipher.seal(text, "inbox_message.body:" + id)).append('\t')
                        .append(inbound ? cipher.seal(SyntheticTexts.reasons(category, urgent, crisis),
                                "inbox_message.reasons:" + id) : "\\N")
                        .append('\n');
                if (++n % 5_000 == 0) {
                    write(copy, batch);
                }
            }
            write(copy, batch);
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
            reader.commit();
            reader.setAutoCommit(true);
        }
    }

    private static void write(CopyIn copy, StringBuilder batch) throws SQLException {
        byte[] bytes = batch.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        batch.setLength(0);
    }

    private void messages() throws SQLException {
        run("""
                INSERT INTO inbox_message (id, practice_id, conversation_id, direction, channel, sender, body, staff_id,
                                           category, urgent, crisis, confidence, reasons, created_at)
                SELECT m.id, '%s', m.conversation_id, CASE WHEN m.inbound THEN 'INBOUND' ELSE 'OUTBOUND' END,
                       m.channel, CASE WHEN m.inbound THEN m.sender END, s.body,
                       CASE WHEN NOT m.inbound THEN m.replier END, CASE WHEN m.inbound THEN m.category END,
                       CASE WHEN m.inbound THEN m.urgent END, CASE WHEN m.inbound THEN m.crisis END,
                       CASE WHEN m.inbound THEN 0.6 + get_byte(uuid_send(m.id), 0) / 640.0 END, s.reasons,
                       m.created_at
                FROM bench_message m JOIN bench_sealed s ON s.id = m.id
                ORDER BY m.created_at""".formatted(practice));
    }

    /** What autovacuum would have done long before a practice reached this size: statistics, visibility map. */
    private void analyze() throws SQLException {
        for (String table : new String[] {"patient", "contact_point", "consent_change", "provider", "staff_user",
                "conversation", "inbox_message"}) {
            run("VACUUM (ANALYZE) " + table);
        }
    }

    private interface Step {
        void run() throws SQLException;
    }

    private static void step(String name, Step step) throws SQLException {
        long started = System.nanoTime();
        step.run();
        System.out.printf("  loaded %s in %.1f s%n", name, (System.nanoTime() - started) / 1e9);
    }

    private void run(String sql) throws SQLException {
        try (Statement statement = owner.createStatement()) {
            statement.execute(sql);
        }
    }

    private long count(String from) throws SQLException {
        try (Statement statement = owner.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + from)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
