package org.carerelay.console;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.carerelay.inbox.Category;
import org.carerelay.inbox.Conversation;
import org.carerelay.inbox.ConversationFilter;
import org.carerelay.inbox.ConversationMatching;
import org.carerelay.inbox.ConversationReplies;
import org.carerelay.inbox.Conversations;
import org.carerelay.inbox.Escalations;
import org.carerelay.inbox.InboxEvents;
import org.carerelay.inbox.Recategorizations;
import org.carerelay.inbox.SafetyJudgement;
import org.carerelay.inbox.SlaState;
import org.carerelay.messaging.Channel;
import org.carerelay.messaging.InboundMessages;
import org.carerelay.practice.AppointmentFilter;
import org.carerelay.practice.Appointments;
import org.carerelay.practice.Patient;
import org.carerelay.practice.Patients;
import org.carerelay.practice.Practices;
import org.carerelay.practice.StaffUsers;
import org.carerelay.shared.Caller;
import org.carerelay.shared.Callers;
import org.carerelay.shared.ConflictException;
import org.carerelay.shared.InvalidFieldException;
import org.carerelay.shared.PageRequest;
import org.carerelay.shared.NotFoundException;
import org.carerelay.shared.Permissions;
import org.carerelay.shared.RequiresPermission;
import org.carerelay.shared.web.Downloads;
import org.carerelay.shared.web.EventStreams;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The staff inbox: filters on the left, the conversations in the middle (live: a change anywhere reloads the
 * list), the open conversation with its patient on the right, with reply, assign, recategorize (and, for clinical
 * staff, judge whether it was a crisis or urgent), acknowledge and resolve. For clinical staff each message shows
 * why triage flagged it: a badge per layer and the words it read, marked in the text.
 */
@Controller
class InboxPageController {

    private final Conversations conversations;
    private final ConversationReplies replies;
    private final Escalations escalations;
    private final ConversationMatching matching;
    private final InboundMessages inboundMessages;
    private final InboxEvents inboxEvents;
    private final Patients patients;
    private final Appointments appointments;
    private final StaffUsers staff;
    private final EventStreams streams;
    private final Recategorizations recategorizations;
    private final Practices practices;

    InboxPageController(Conversations conversations, ConversationReplies replies, Escalations escalations,
            ConversationMatching matching, InboundMessages inboundMessages,
            InboxEvents inboxEvents, Patients patients, Appointments appointments, StaffUsers staff,
            EventStreams streams, Recategorizations recategorizations, Practices practices) {
        this.recategorizations = recategorizations;
        this.practices = practices;
        this.conversations = conversations;
        this.replies = replies;
        this.escalations = escalations;
        this.matching = matching;
        this.inboundMessages = inboundMessages;
        this.inboxEvents = inboxEvents;
        this.patients = patients;
        this.appointments = appointments;
        this.staff = staff;
        this.streams = streams;
    }

    /** The filters a page was opened with, kept across the links and forms of the page. */
    record Filters(String view, String category, String channel, String sla) {

        private static final java.util.regex.Pattern WORD = java.util.regex.Pattern.compile("[a-z_-]{0,20}");

        Filters {
            view = checked(view);
            category = checked(category);
            channel = checked(channel);
            sla = checked(sla);
        }

        /** A filter's value; an empty one (a link's {@code ?view}) filters nothing. */
        private static String checked(String value) {
            if (value == null || value.isBlank()) {
                return null;
            }
            if (!WORD.matcher(value).matches()) {
                throw new InvalidFieldException("filter", "is not a known value");
            }
            return value;
        }

        ConversationFilter toFilter() {
            return new ConversationFilter(view == null || view.equals("urgent") || view.equals("crisis") ? null : view,
                    "urgent".equals(view) ? Boolean.TRUE : null, "crisis".equals(view) ? Boolean.TRUE : null,
                    parse(Category.class, category), channel == null ? null : channel.toUpperCase(Locale.ROOT),
                    parse(SlaState.class, sla), null);
        }

        String query() {
            StringBuilder query = new StringBuilder();
            append(query, "view", view);
            append(query, "category", category);
            append(query, "channel", channel);
            append(query, "sla", sla);
            return query.length() == 0 ? "" : "?" + query.substring(1);
        }

        private static void append(StringBuilder query, String name, String value) {
            if (value != null && !value.isBlank()) {
                query.append('&').append(name).append('=').append(value);
            }
        }

        private static <E extends Enum<E>> E parse(Class<E> type, String value) {
            if (value == null || value.isBlank()) {
                return null;
            }
            try {
                return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidFieldException(type.getSimpleName(), "is not a known value");
            }
        }
    }

    @GetMapping("/console/inbox")
    @RequiresPermission(Permissions.COMMS_VIEW_INBOX)
    String inbox(Filters filters, Model model) {
        list(filters, model);
        return "console/inbox";
    }

    /** The list alone, for the live reload. */
    @GetMapping("/console/inbox/list")
    @RequiresPermission(Permissions.COMMS_VIEW_INBOX)
    String listFragment(Filters filters, @RequestParam(required = false) UUID selected, Model model) {
        list(filters, model);
        model.addAttribute("selected", selected);
        return "console/inbox :: list";
    }

    @GetMapping("/console/inbox/{id}")
    @RequiresPermission(Permissions.COMMS_VIEW_INBOX)
    String conversation(@PathVariable UUID id, Filters filters, Model model) {
        Caller caller = Callers.current();
        Conversation conversation = conversations.view(caller, id); // first: opening it may clear its mark in the list
        list(filters, model);
        model.addAttribute("selected", id);
        model.addAttribute("conversation", conversation);
        String practiceLanguage = practices.get(caller.practice()).defaultLanguage();
        model.addAttribute("thread", conversation.messages().stream()
                .map(entry -> ThreadMessage.of(entry, practiceLanguage)).toList());
        model.addAttribute("mayJudge", !conversation.contentHidden() && caller.can(Permissions.CLINICAL_VIEW));
        model.addAttribute("judgements", List.of(SafetyJudgement.values()));
        model.addAttribute("awaitingAcknowledgement", escalations.awaitingAcknowledgement(caller.practice(), id));
        model.addAttribute("staffMembers", staff.list(caller.practice(), new PageRequest(0, PageRequest.MAX_SIZE))
                .items().stream().filter(member -> member.active()).toList());
        if (conversation.summary().patientId() == null) {
            model.addAttribute("suggestions", matching.suggestions(caller, id));
        } else {
            Patient patient = patients.find(caller.practice(), conversation.summary().patientId());
            model.addAttribute("patient", patient);
            if (caller.can(Permissions.APPOINTMENTS_READ)) {
                model.addAttribute("upcoming", appointments.list(caller, new AppointmentFilter(Instant.now(), null,
                        patient.id().value(), null, null, null), new PageRequest(0, 3)).items());
            }
        }
        return "console/inbox";
    }

    /** A voicemail's recording, played in the conversation (a PHI access, audited by the messaging hub). */
    @GetMapping("/console/inbox/voicemail/{inboundMessageId}")
    @RequiresPermission(Permissions.COMMS_VIEW_INBOX)
    ResponseEntity<byte[]> voicemail(@PathVariable UUID inboundMessageId) {
        return inboundMessages.recording(Callers.current(), inboundMessageId)
                .map(audio -> ResponseEntity.ok().contentType(MediaType.parseMediaType("audio/mpeg"))
                        .header(HttpHeaders.CACHE_CONTROL, "no-store").body(audio))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }

    /** A file an e-mail came with, downloaded from the conversation (a PHI access, audited). */
    @GetMapping("/console/inbox/attachments/{id}")
    @RequiresPermission(Permissions.COMMS_VIEW_INBOX)
    ResponseEntity<byte[]> attachment(@PathVariable UUID id) {
        return conversations.attachment(Callers.current(), id)
                .map(file -> Downloads.attachment(file.attachment().filename(), file.attachment().contentType(),
                        file.bytes()))
                .orElseThrow(() -> new NotFoundException("Attachment"));
    }

    @GetMapping(value = "/console/inbox/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @RequiresPermission(Permissions.COMMS_VIEW_INBOX)
    SseEmitter events() {
        Caller caller = Callers.current();
        return streams.open("inbox", onChange -> inboxEvents.subscribe(caller.practice(), onChange));
    }

    @PostMapping("/console/inbox/{id}/reply")
    @RequiresPermission(Permissions.COMMS_SEND_MESSAGE)
    String reply(@PathVariable UUID id, @RequestParam String text, @RequestParam(required = false) String channel,
            @RequestParam String key, Filters filters, RedirectAttributes redirect) {
        Channel replyChannel = channel == null || channel.isBlank() ? null
                : Filters.parse(Channel.class, channel);
        if (text.isBlank() || text.length() > 1600) {
            redirect.addFlashAttribute("problem", "Write a reply of up to 1,600 characters.");
        } else {
            try {
                replies.reply(Callers.current(), id, text.strip(), replyChannel, key);
                redirect.addFlashAttribute("notice", "Reply sent.");
            } catch (ConflictException | AccessDeniedException e) {
                redirect.addFlashAttribute("problem", e.getMessage());
            }
        }
        return back(id, filters);
    }

    @PostMapping("/console/inbox/{id}/match")
    @RequiresPermission(Permissions.PATIENTS_WRITE)
    String match(@PathVariable UUID id, @RequestParam UUID patientId, Filters filters,
            RedirectAttributes redirect) {
        try {
            matching.match(Callers.current(), id, new org.carerelay.practice.PatientId(patientId));
            redirect.addFlashAttribute("notice", "Matched. The patient's record now has this address.");
        } catch (ConflictException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return back(id, filters);
    }

    @PostMapping("/console/inbox/{id}/assign")
    @RequiresPermission(Permissions.COMMS_VIEW_INBOX)
    String assign(@PathVariable UUID id, @RequestParam(required = false) UUID staffId, Filters filters) {
        conversations.assign(Callers.current(), id, staffId);
        return back(id, filters);
    }

    /**
     * A new category and, from clinical staff, optionally whether it was a crisis or urgent ({@code judgement}:
     * crisis, urgent or neither; empty leaves the flags as triage set them).
     */
    @PostMapping("/console/inbox/{id}/category")
    @RequiresPermission(Permissions.COMMS_VIEW_INBOX)
    String recategorize(@PathVariable UUID id, @RequestParam("to") String category,
            @RequestParam(required = false) String judgement, Filters filters, RedirectAttributes redirect) {
        Caller caller = Callers.current();
        SafetyJudgement judged = Filters.parse(SafetyJudgement.class, judgement);
        recategorizations.recategorize(caller, id, Filters.parse(Category.class, category), judged);
        if (judged != null) {
            boolean paging = escalations.awaitingAcknowledgement(caller.practice(), id);
            redirect.addFlashAttribute("notice", switch (judged) {
                case CRISIS -> "Marked as a crisis: on call is paged until someone acknowledges it.";
                case URGENT -> "Marked urgent, not a crisis: it stays with on call.";
                case NEITHER -> "Marked as neither a crisis nor urgent."
                        + (paging ? " The on-call alerts already running continue until someone acknowledges them."
                                : "");
            });
        }
        return back(id, filters);
    }

    @PostMapping("/console/inbox/{id}/acknowledge")
    @RequiresPermission(Permissions.COMMS_VIEW_INBOX)
    String acknowledge(@PathVariable UUID id, Filters filters, RedirectAttributes redirect) {
        try {
            escalations.acknowledge(Callers.current(), id);
            redirect.addFlashAttribute("notice", "Acknowledged: the on-call alerts stop.");
        } catch (ConflictException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return back(id, filters);
    }

    @PostMapping("/console/inbox/{id}/resolve")
    @RequiresPermission(Permissions.COMMS_VIEW_INBOX)
    String resolve(@PathVariable UUID id, Filters filters) {
        conversations.resolve(Callers.current(), id);
        return "redirect:/console/inbox" + filters.query();
    }

    private void list(Filters filters, Model model) {
        Caller caller = Callers.current();
        model.addAttribute("filters", filters);
        model.addAttribute("rows", conversations.rows(caller, filters.toFilter(), new PageRequest(0, 50)));
        model.addAttribute("categories", List.of(Category.values()));
        model.addAttribute("replyKey", UUID.randomUUID()); // one reply per page shown, however often it is posted
    }

    private static String back(UUID id, Filters filters) {
        return "redirect:/console/inbox/" + id + filters.query();
    }
}
