package org.carerelay.scheduling;

import java.time.Instant;
import java.util.UUID;

/**
 * The data of a pending reminder (db-scheduler's task data): which visit, and the start it was planned for. A
 * reminder finding its visit moved or cancelled sends nothing.
 */
record ReminderTimer(UUID practice, UUID appointment, ReminderKind kind, Instant plannedStart) {
}
