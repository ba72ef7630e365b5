package org.carerelay.video.web;

import java.time.Clock;
import java.time.ZoneId;
import java.util.Optional;
import java.util.UUID;

import org.carerelay.practice.Appointment;
import org.carerelay.practice.AppointmentId;
import org.carerelay.practice.AppointmentTypes;
import org.carerelay.practice.Appointments;
import org.carerelay.practice.Patients;
import org.carerelay.practice.Practices;
import org.carerelay.practice.VisitClock;
import org.carerelay.shared.Caller;
import org.carerelay.shared.Callers;
import org.carerelay.shared.Permissions;
import org.carerelay.shared.RequiresPermission;
import org.carerelay.video.VideoRoom;
import org.carerelay.video.VideoRooms;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The video visit pages: the patient's in the portal and the provider's in the console, each framing its side of
 * the vendor's room (these two paths alone may frame the vendor: {@code ContentSecurityPolicy}). Before the room
 * opens (a quarter of an hour ahead) the page says when it will; opening the page is a PHI view, audited. Only
 * those who may host the visit ({@code VideoHosts}) get the host link and room on the console's page.
 */
@Controller
class VideoVisitController {

    private final VideoRooms rooms;
    private final Appointments appointments;
    private final Practices practices;
    private final Clock clock;
    private final AppointmentTypes types;
    private final Patients patients;

    VideoVisitController(VideoRooms rooms, Appointments appointments, Practices practices, Clock clock,
            AppointmentTypes types, Patients patients) {
        this.types = types;
        this.patients = patients;
        this.rooms = rooms;
        this.appointments = appointments;
        this.practices = practices;
        this.clock = clock;
    }

    @GetMapping("/portal/visits/{id}/video")
    String patient(@PathVariable UUID id, Model model) {
        Caller caller = Callers.current();
        Optional<VideoRoom> room = rooms.enterAsPatient(caller, new AppointmentId(id));
        return page(caller, id, room.map(VideoRoom::roomUrl), room, model, "portal/video-visit");
    }

    @GetMapping("/console/visits/{id}/video")
    @RequiresPermission(Permissions.APPOINTMENTS_READ)
    String host(@PathVariable UUID id, Model model) {
        Caller caller = Callers.current();
        VideoRooms.StaffEntry entry = rooms.enterAsStaff(caller, new AppointmentId(id));
        model.addAttribute("host", entry.host());
        return page(caller, id, entry.room().map(VideoRoom::hostRoomUrl), entry.room(), model, "console/video-visit");
    }

    private String page(Caller caller, UUID id, Optional<String> url, Optional<VideoRoom> room, Model model,
            String view) {
        Appointment appointment = appointments.find(caller.practice(), new AppointmentId(id));
        ZoneId zone = VisitClock.zone(types.get(caller.practice(), appointment.appointmentTypeId()).modality(),
                appointment.timeZone(), patients.find(caller.practice(), appointment.patientId()).timeZone());
        model.addAttribute("practice", practices.get(caller.practice()));
        model.addAttribute("appointment", appointment);
        model.addAttribute("start", appointment.start().atZone(zone));
        model.addAttribute("room", room.orElse(null));
        model.addAttribute("open", room.map(found -> found.open(clock.instant())).orElse(false));
        model.addAttribute("opensAt", appointment.start().minus(VideoRooms.OPENS_BEFORE).atZone(zone));
        model.addAttribute("roomUrl", url.orElse(null));
        return view;
    }
}
