package org.carerelay.settings;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.MeterRegistry;
import org.carerelay.audit.AuditEvent;
import org.carerelay.audit.AuditLog;
import org.carerelay.shared.Caller;
import org.carerelay.shared.InvalidFieldException;
import org.carerelay.shared.NotFoundException;
import org.carerelay.shared.PracticeId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads and changes runtime settings. A read never fails for want of a stored value: when the table cannot be
 * read, the practice has no row, or the row fails validation, the deployed fallback is used, a warning (key and
 * reason only) is logged and {@code carerelay.settings.fallback} counts it.
 */
@Service
public class Settings {

    private static final Logger log = LoggerFactory.getLogger(Settings.class);
    /** One warning per setting, practice and reason per interval: a missing row is read on every send. */
    private static final Duration WARNING_INTERVAL = Duration.ofMinutes(5);
    private static final String MASK = "********";
    static final Duration CACHE_FOR = Duration.ofSeconds(5);
    private static final int MAX_OWNERS_KEPT = 10_000;

    private final JdbcClient jdbc;
    private final SettingsFallback fallbacks;
    private final AuditLog auditLog;
    private final MeterRegistry meters;
    private final Clock clock;
    private final TransactionTemplate savepoint;
    private final Map<String, Instant> lastWarned = new ConcurrentHashMap<>();
    private final Map<PracticeId, Snapshot> cache = new ConcurrentHashMap<>();
    private final Map<String, Owners> owners = new ConcurrentHashMap<>();

    Settings(JdbcClient jdbc, SettingsFallback fallbacks, AuditLog auditLog, MeterRegistry meters, Clock clock,
            PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.fallbacks = fallbacks;
        this.auditLog = auditLog;
        this.meters = meters;
        this.clock = clock;
        // Nested: a failed read rolls back to a savepoint and leaves the caller's transaction usable.
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.savepoint.setReadOnly(true);
    }

    /**
     * The value in effect for {@code practice}: the stored one if usable, else the fallback; empty when neither
     * is usable (a secret nobody configured, such as a vendor's webhook token in local mode).
     */
    public <T> Optional<T> find(PracticeId practice, Setting<T> setting) {
        return Optional.ofNullable(resolve(practice, setting).value());
    }

    /** Like {@link #find}, for settings whose fallback always has a usable value. */
    public <T> T get(PracticeId practice, Setting<T> setting) {
        return find(practice, setting).orElseThrow(() -> new IllegalStateException("Setting " + setting.key()
                + " has no usable value: its fallback is not configured or invalid"));
    }

    /**
     * The practices that stored {@code value} for {@code setting} (which practice owns an inbound number or
     * address), compared without regard to case: an e-mail address stored as typed still matches the lower-case
     * form inbound mail is routed by.
     */
    public List<PracticeId> practicesStoring(Setting<?> setting, String value) {
        // Asked on every inbound text and e-mail, so kept like the snapshots (and forgotten with them).
        String key = setting.key() + "=" + value.toLowerCase(Locale.ROOT);
        Instant now = clock.instant();
        Owners cached = owners.get(key);
        if (cached != null && cached.readAt().plus(CACHE_FOR).isAfter(now)) {
            return cached.practices();
        }
        List<PracticeId> practices = jdbc.sql("SELECT practice_id FROM setting WHERE key = :key "
                        + "AND lower(value) = lower(:value)")
                .param("key", setting.key())
                .param("value", value)
                .query((rs, n) -> new PracticeId(rs.getObject("practice_id", java.util.UUID.class)))
                .list();
        if (owners.size() >= MAX_OWNERS_KEPT) {
            owners.clear(); // a flood of forged webhooks naming made-up numbers must not grow it without bound
        }
        owners.put(key, new Owners(practices, now));
        return practices;
    }

    private record Owners(List<PracticeId> practices, Instant readAt) {
    }

    public List<SettingValue> list(PracticeId practice) {
        return Setting.ALL.stream().map(setting -> view(practice, setting)).toList();
    }

    public SettingValue view(PracticeId practice, String key) {
        return view(practice, require(key));
    }

    /** Stores {@code text} for {@code key} after validating it; the change is audited (key only). */
    @Transactional
    public SettingValue set(Caller caller, String key, String text) {
        Setting<?> setting = require(key);
        try {
            setting.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("value", e.getMessage());
        }
        jdbc.sql("""
                INSERT INTO setting (practice_id, key, value, updated_at, updated_by_type, updated_by_id)
                VALUES (:practice, :key, :value, :now, :actorType, :actorId)
                ON CONFLICT (practice_id, key) DO UPDATE
                SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at,
                    updated_by_type = EXCLUDED.updated_by_type, updated_by_id = EXCLUDED.updated_by_id""")
                .param("practice", caller.practice().value())
                .param("key", key)
                .param("value", text.trim())
                .param("now", Timestamp.from(clock.instant()))
                .param("actorType", caller.actor().type().name())
                .param("actorId", caller.actor().id())
                .update();
        auditLog.record(AuditEvent.of(caller, "setting.changed", AuditEvent.Target.of("setting", key)));
        forgetAfterCommit(caller.practice());
        return view(caller.practice(), setting);
    }

    /** Removes the stored value so that the fallback applies again. */
    @Transactional
    public SettingValue reset(Caller caller, String key) {
        Setting<?> setting = require(key);
        jdbc.sql("DELETE FROM setting WHERE practice_id = :practice AND key = :key")
                .param("practice", caller.practice().value())
                .param("key", key)
                .update();
        auditLog.record(AuditEvent.of(caller, "setting.reset", AuditEvent.Target.of("setting", key)));
        forgetAfterCommit(caller.practice());
        return view(caller.practice(), setting);
    }

    private <T> SettingValue view(PracticeId practice, Setting<T> setting) {
        Resolved<T> resolved = resolve(practice, setting);
        String shown = resolved.value() == null ? null
                : setting.secret() ? MASK : String.valueOf(resolved.value());
        return new SettingValue(setting.key(), setting.description(), shown,
                resolved.reason() == null ? SettingValue.Source.DATABASE : SettingValue.Source.FALLBACK,
                resolved.reason(), setting.secret());
    }

    private <T> Resolved<T> resolve(PracticeId practice, Setting<T> setting) {
        Optional<String> stored;
        try {
            stored = Optional.ofNullable(stored(practice).get(setting.key()));
        } catch (DataAccessException | TransactionException e) {
            return fallback(practice, setting, SettingValue.FallbackReason.UNREADABLE);
        }
        if (stored.isEmpty()) {
            return fallback(practice, setting, SettingValue.FallbackReason.MISSING);
        }
        try {
            return new Resolved<>(setting.parse(stored.get()), null);
        } catch (IllegalArgumentException e) {
            return fallback(practice, setting, SettingValue.FallbackReason.INVALID);
        }
    }

    /**
     * The practice's stored settings, read together and kept for {@link #CACHE_FOR}: a send reads half a dozen
     * settings, and they change rarely. A change on this node is seen at once; on other nodes within that time.
     * A failed read is not kept, so that the next read tries again.
     */
    private Map<String, String> stored(PracticeId practice) {
        Instant now = clock.instant();
        Snapshot snapshot = cache.get(practice);
        if (snapshot != null && snapshot.readAt().plus(CACHE_FOR).isAfter(now)) {
            return snapshot.values();
        }
        Map<String, String> values = savepoint.execute(status -> {
            Map<String, String> read = new java.util.HashMap<>();
            jdbc.sql("SELECT key, value FROM setting WHERE practice_id = :practice")
                    .param("practice", practice.value())
                    .query(rs -> {
                        read.put(rs.getString("key"), rs.getString("value"));
                    });
            return Map.copyOf(read);
        });
        cache.put(practice, new Snapshot(values, now));
        return values;
    }

    private record Snapshot(Map<String, String> values, Instant readAt) {
    }

    /**
     * Drops the practice's cached settings, and which practice stores what, once the change is committed (not
     * before: a reader could re-cache).
     */
    private void forgetAfterCommit(PracticeId practice) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                cache.remove(practice);
                owners.clear();
            }
        });
    }

    private <T> Resolved<T> fallback(PracticeId practice, Setting<T> setting, SettingValue.FallbackReason reason) {
        meters.counter("carerelay.settings.fallback", "key", setting.key(), "reason", reason.name().toLowerCase())
                .increment();
        String warning = practice + "|" + setting.key() + "|" + reason;
        Instant now = clock.instant();
        Instant last = lastWarned.get(warning);
        if (last == null || last.plus(WARNING_INTERVAL).isBefore(now)) {
            lastWarned.put(warning, now);
            log.warn("Setting {} for practice {} uses its fallback: stored value {}", setting.key(), practice,
                    reason.name().toLowerCase());
        }
        T value;
        try {
            value = setting.parse(setting.fallbackText(fallbacks));
        } catch (IllegalArgumentException e) {
            value = null;
        }
        return new Resolved<>(value, reason);
    }

    private static Setting<?> require(String key) {
        Setting<?> setting = Setting.byKey(key);
        if (setting == null) {
            throw new NotFoundException("Setting");
        }
        return setting;
    }

    private record Resolved<T>(T value, SettingValue.FallbackReason reason) {
    }
}
