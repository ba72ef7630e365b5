package org.carerelay.video;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import org.carerelay.audit.AuditEvent;
import org.carerelay.audit.AuditLog;
import org.carerelay.crypto.PhiCipher;
import org.carerelay.practice.Appointment;
import org.carerelay.practice.AppointmentChanged;
import org.carerelay.practice.AppointmentId;
import org.carerelay.practice.AppointmentTypes;
import org.carerelay.practice.Appointments;
import org.carerelay.practice.Modality;
import org.carerelay.settings.Setting;
import org.carerelay.settings.Settings;
import org.carerelay.shared.Actor;
import org.carerelay.shared.Caller;
import org.carerelay.shared.NotFoundException;
import org.carerelay.shared.PracticeId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The vendor room of each video appointment. After a video visit is booked (once the booking has committed; the
 * event registry retries while the vendor is down) a room is created for its time; a moved visit gets a new room
 * and the old one is deleted, never reused; a cancelled or missed one loses its room; every room is deleted at the
 * vendor an hour after its visit by a durable timer.
 */
@Service
public class VideoRooms {

    /** How long before the visit the room may be entered. */
    public static final Duration OPENS_BEFORE = Duration.ofMinutes(15);
    /** How long after the visit's planned end the room stays: visits run over. */
    static final Duration RUNS_OVER = Duration.ofHours(1);
    private static final Actor ACTOR = Actor.system("video-rooms");

    private final JdbcClient jdbc;
    private final Appointments appointments;
    private final AppointmentTypes types;
    private final Settings settings;
    private final List<RoomVendor> vendors;
    private final PhiCipher cipher;
    private final AuditLog auditLog;
    private final SchedulerClient scheduler;
    private final OneTimeTask<RoomTeardown> teardown;
    private final Clock clock;
    private final VideoHosts hosts;

    VideoRooms(JdbcClient jdbc, Appointments appointments, AppointmentTypes types, Settings settings,
            List<RoomVendor> vendors, PhiCipher cipher, AuditLog auditLog, SchedulerClient scheduler,
            OneTimeTask<RoomTeardown> teardown, Clock clock, VideoHosts hosts) {
        this.hosts = hosts;
        this.jdbc = jdbc;
        this.appointments = appointments;
        this.types = types;
        this.settings = settings;
        this.vendors = vendors;
        this.cipher = cipher;
        this.auditLog = auditLog;
        this.scheduler = scheduler;
        this.teardown = teardown;
        this.clock = clock;
    }

    /** The data of a room's teardown timer. */
    record RoomTeardown(UUID practice, UUID room) {
    }

    @ApplicationModuleListener
    void on(AppointmentChanged changed) {
        sync(changed.practice(), changed.appointment());
    }

    /** Brings the appointment's room in line with the appointment: created, replaced or deleted. */
    @Transactional
    public void sync(PracticeId practice, AppointmentId id) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(:key, 7))")
                .param("key", "video:" + id.value())
                .query((java.sql.ResultSet rs) -> {
                });
        Appointment appointment;
        try {
            appointment = appointments.find(practice, id);
        } catch (NotFoundException e) {
            return;
        }
        Optional<VideoRoom> live = live(practice, id);
        boolean wanted = types.get(practice, appointment.appointmentTypeId()).modality() == Modality.VIDEO
                && switch (appointment.status()) {
                    case BOOKED, CONFIRMED, CHECKED_IN -> true;
                    default -> false;
                } && appointment.end().isAfter(clock.instant());
        if (live.isPresent() && (!wanted || !live.get().startsAt().equals(appointment.start())
                || !live.get().endsAt().equals(appointment.end().plus(RUNS_OVER)))) {
            delete(practice, live.get(), wanted ? "moved" : "ended");
            live = Optional.empty();
        }
        if (wanted && live.isEmpty()) {
            create(practice, appointment);
        }
    }

    /** The room of a patient's own appointment, as they enter it (audited); empty when it has none. */
    @Transactional
    public Optional<VideoRoom> enterAsPatient(Caller patient, AppointmentId id) {
        Appointment appointment = appointments.find(patient.practice(), id);
        if (!appointment.patientId().value().toString().equals(patient.actor().id())) {
            throw new NotFoundException("Appointment");
        }
        return entered(patient, id, "patient");
    }

    /**
     * The room of an appointment as a member of staff opens it (audited): with its host link for those who may
     * host it ({@link VideoHosts}); for anyone else the visit's page shows no room, and the audit says so.
     */
    @Transactional
    public StaffEntry enterAsStaff(Caller staff, AppointmentId id) {
        Appointment appointment = appointments.find(staff.practice(), id);
        if (!hosts.of(staff).mayHost(appointment.providerId())) {
            auditLog.record(AuditEvent.of(staff, "phi.video-room.viewed", AuditEvent.Target.of("appointment", id),
                    Map.of("side", "viewer")));
            return new StaffEntry(false, Optional.empty());
        }
        return new StaffEntry(true, entered(staff, id, "host"));
    }

    /** What a member of staff gets at a video visit: whether they host it, and then its room, if it has one. */
    public record StaffEntry(boolean host, Optional<VideoRoom> room) {
    }

    private Optional<VideoRoom> entered(Caller caller, AppointmentId id, String side) {
        Optional<VideoRoom> room = live(caller.practice(), id);
        // The page shows the visit's time even without a room: a view of the appointment either way.
        Map<String, Object> payload = new java.util.HashMap<>(Map.of("side", side));
        room.ifPresent(found -> payload.put("room", found.id()));
        auditLog.record(AuditEvent.of(caller, "phi.video-room.viewed", AuditEvent.Target.of("appointment", id),
                payload));
        return room;
    }

    /** Deletes a room at the vendor after its visit (the teardown timer). */
    @Transactional
    void tearDown(RoomTeardown timer) {
        PracticeId practice = new PracticeId(timer.practice());
        jdbc.sql("SELECT * FROM video_room WHERE id = :id AND deleted_at IS NULL")
                .param("id", timer.room())
                .query(this::room)
                .optional()
                .ifPresent(room -> delete(practice, room, "over"));
    }

    private void create(PracticeId practice, Appointment appointment) {
        RoomVendor vendor = vendor(practice);
        boolean hipaa = settings.get(practice, Setting.VIDEO_ROOM_PRESET).equals("hipaa");
        Instant endsAt = appointment.end().plus(RUNS_OVER);
        RoomVendor.CreatedRoom created = vendor.create(appointment.start().minus(OPENS_BEFORE), endsAt, hipaa);
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO video_room (id, practice_id, appointment_id, vendor, meeting_id, room_url, host_room_url,
                                        starts_at, ends_at, created_at)
                VALUES (:id, :practice, :appointment, :vendor, :meeting, :room, :host, :start, :end, :now)""")
                .param("id", id)
                .param("practice", practice.value())
                .param("appointment", appointment.id().value())
                .param("vendor", vendor.name())
                .param("meeting", created.meetingId())
                .param("room", cipher.seal(created.roomUrl(), "video_room.room_url:" + id))
                .param("host", cipher.seal(created.hostRoomUrl(), "video_room.host_room_url:" + id))
                .param("start", Timestamp.from(appointment.start()))
                .param("end", Timestamp.from(endsAt))
                .param("now", Timestamp.from(clock.instant()))
                .update();
        scheduler.schedule(teardown.instance(id.toString(), new RoomTeardown(practice.value(), id)), endsAt);
        auditLog.record(new AuditEvent(practice, ACTOR, "video.room.created",
                AuditEvent.Target.of("appointment", appointment.id()), Map.of("room", id, "vendor", vendor.name(),
                        "hipaa", hipaa)));
    }

    private void delete(PracticeId practice, VideoRoom room, String why) {
        vendors.stream().filter(vendor -> vendor.name().equals(room.vendor())).findFirst()
                .orElseThrow(() -> new IllegalStateException("No video vendor " + room.vendor()))
                .delete(room.meetingId());
        jdbc.sql("UPDATE video_room SET deleted_at = :now WHERE id = :id")
                .param("now", Timestamp.from(clock.instant()))
                .param("id", room.id())
                .update();
        TaskInstanceId timer = TaskInstanceId.of(VideoRoomConfiguration.TEARDOWN, room.id().toString());
        scheduler.getScheduledExecution(timer)
                .filter(execution -> !execution.isPicked())
                .ifPresent(execution -> scheduler.cancel(timer));
        auditLog.record(new AuditEvent(practice, ACTOR, "video.room.deleted",
                AuditEvent.Target.of("appointment", room.appointmentId()), Map.of("room", room.id(), "why", why)));
    }

    /** The appointment's room, if it has one now (no audit: for the module and its tests). */
    Optional<VideoRoom> live(PracticeId practice, AppointmentId id) {
        return jdbc.sql("SELECT * FROM video_room WHERE practice_id = :practice AND appointment_id = :appointment "
                        + "AND deleted_at IS NULL")
                .param("practice", practice.value())
                .param("appointment", id.value())
                .query(this::room)
                .optional();
    }

    private RoomVendor vendor(PracticeId practice) {
        String name = settings.get(practice, Setting.VIDEO_PROVIDER);
        return vendors.stream().filter(vendor -> vendor.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("No video vendor " + name));
    }

    private VideoRoom room(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        UUID id = rs.getObject("id", UUID.class);
        return new VideoRoom(id, rs.getObject("appointment_id", UUID.class), rs.getString("vendor"),
                rs.getString("meeting_id"), cipher.open(rs.getString("room_url"), "video_room.room_url:" + id),
                cipher.open(rs.getString("host_room_url"), "video_room.host_room_url:" + id),
                rs.getTimestamp("starts_at").toInstant(), rs.getTimestamp("ends_at").toInstant());
    }
}
