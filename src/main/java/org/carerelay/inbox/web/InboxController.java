package org.carerelay.inbox.web;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.carerelay.inbox.Category;
import org.carerelay.inbox.Conversation;
import org.carerelay.inbox.ConversationFilter;
import org.carerelay.inbox.ConversationMatching;
import org.carerelay.inbox.ConversationSplits;
import org.carerelay.inbox.InboxMetrics;
import org.carerelay.inbox.InboxMetricsReport;
import org.carerelay.inbox.MatchSuggestion;
import org.carerelay.inbox.Recategorizations;
import org.carerelay.inbox.SafetyJudgement;
import org.carerelay.practice.PatientId;
import org.carerelay.inbox.ConversationReplies;
import org.carerelay.inbox.ConversationSummary;
import org.carerelay.inbox.Conversations;
import org.carerelay.inbox.Escalations;
import org.carerelay.inbox.SlaState;
import org.carerelay.messaging.Channel;
import org.carerelay.messaging.Message;
import org.carerelay.shared.Callers;
import org.carerelay.shared.InvalidFieldException;
import org.carerelay.shared.ListPage;
import org.carerelay.shared.NotFoundException;
import org.carerelay.shared.PageRequest;
import org.carerelay.shared.Permissions;
import org.carerelay.shared.RequiresPermission;
import org.carerelay.shared.web.Downloads;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/inbox")
class InboxController {

    private final Conversations conversations;
    private final ConversationReplies replies;
    private final Escalations escalations;
    private final ConversationMatching matching;
    private final InboxMetricsReport metrics;
    private final ConversationSplits splits;
    private final Recategorizations recategorizations;

    InboxController(Conversations conversations, ConversationReplies replies, Escalations escalations,
            ConversationMatching matching, InboxMetricsReport metrics, ConversationSplits splits,
            Recategorizations recategorizations) {
        this.recategorizations = recategorizations;
        this.splits = splits;
        this.matching = matching;
        this.metrics = metrics;
        this.conversations = conversations;
        this.replies = replies;
        this.escalations = escalations;
    }

    /**
     * Conversations, the most recently active first. Filters: {@code view} (mine, team, unassigned, needs-matching),
     * {@code urgent}, {@code crisis}, {@code category}, {@code channel}, {@code sla} (answered, on_track, due_soon,
     * breached), {@code status} (open, resolved).
     */
    /** Handling times, first-contact resolution, volumes and breaches; the last 30 days unless told otherwise. */
    @GetMapping("/metrics")
    @RequiresPermission(Permissions.COMMS_VIEW_INBOX)
    InboxMetrics metrics(@RequestParam(required = false) OffsetDateTime from,
            @RequestParam(required = false) OffsetDateTime to) {
        return metrics.report(Callers.current(), from == null ? null : from.toInstant(),
                to == null ? null : to.toInstant());
    }

    @GetMapping("/conversations")
    @RequiresPermission(Permissions.COMMS_VIEW_INBOX)
    ListPage<ConversationSummary> list(@RequestParam(required = false) String view,
            @RequestParam(required = false) Boolean urgent, @RequestParam(required = false) Boolean crisis,
            @RequestParam(required = false) String category, @RequestParam(required = false) String channel,
            @RequestParam(required = false) String sla, @RequestParam(required = false) String status,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "" + PageRequest.DEFAULT_SIZE) int size) {
        return conversations.list(Callers.current(), new ConversationFilter(view, urgent, crisis,
                parse(Category.class, category, "category"), oneOf(channel, "channel", "sms", "email", "voice",
                        "portal"), parse(SlaState.class, sla, "sla"), oneOf(status, "status", "open", "resolved")),
                new PageRequest(page, size));
    }

    @GetMapping("/conversations/{id}")
    @RequiresPermission(Permissions.COMMS_VIEW_INBOX)
    Conversation get(@PathVariable UUID id) {
        return conversations.view(Callers.current(), id);
    }

    /** A file an e-mail came with, as a download (a PHI access, audited). */
    @GetMapping("/attachments/{id}")
    @RequiresPermission(Permissions.COMMS_VIEW_INBOX)
    ResponseEntity<byte[]> attachment(@PathVariable UUID id) {
        return conversations.attachment(Callers.current(), id)
                .map(file -> Downloads.attachment(file.attachment().filename(), file.attachment().contentType(),
                        file.bytes()))
                .orElseThrow(() -> new NotFoundException("Attachment"));
    }

    record Reply(@NotBlank @Size(max = 1600) String text, Channel channel, @Size(max = 200) String idempotencyKey) {
    }

    /** Answers the patient through the messaging hub: 202 with the message and its delivery. */
    @PostMapping("/conversations/{id}/replies")
    @RequiresPermission(Permissions.COMMS_SEND_MESSAGE)
    ResponseEntity<Message> reply(@PathVariable UUID id, @Valid @RequestBody Reply reply) {
        return ResponseEntity.accepted().body(replies.reply(Callers.current(), id, reply.text(), reply.channel(),
                reply.idempotencyKey()));
    }

    /** Stops the on-call alerts of an urgent or crisis conversation, and a possible crisis's mark: someone has it. */
    @PostMapping("/conversations/{id}/acknowledgement")
    @RequiresPermission(Permissions.COMMS_VIEW_INBOX)
    ResponseEntity<Void> acknowledge(@PathVariable UUID id) {
        escalations.acknowledge(Callers.current(), id);
        return ResponseEntity.noContent().build();
    }

    /** Who an unmatched conversation may be with, best first. */
    @GetMapping("/conversations/{id}/suggestions")
    @RequiresPermission(Permissions.COMMS_VIEW_INBOX)
    List<MatchSuggestion> suggestions(@PathVariable UUID id) {
        return matching.suggestions(Callers.current(), id);
    }

    record Match(@NotNull UUID patientId) {
    }

    /** Ties an unmatched conversation to a patient, who gets the address it came from. */
    @PostMapping("/conversations/{id}/match")
    @RequiresPermission(Permissions.PATIENTS_WRITE)
    ResponseEntity<Void> match(@PathVariable UUID id, @Valid @RequestBody Match match) {
        matching.match(Callers.current(), id, new PatientId(match.patientId()));
        return ResponseEntity.noContent().build();
    }

    record Merge(@NotNull UUID conversationId) {
    }

    /** Moves the messages of another conversation with the same patient into this one. */
    @PostMapping("/conversations/{id}/merge")
    @RequiresPermission(Permissions.COMMS_VIEW_INBOX)
    ResponseEntity<Void> merge(@PathVariable UUID id, @Valid @RequestBody Merge merge) {
        splits.merge(Callers.current(), id, merge.conversationId());
        return ResponseEntity.noContent().build();
    }

    record Split(@NotNull UUID fromMessageId) {
    }

    /** Moves a message and all after it into a new conversation: 201 with its location. */
    @PostMapping("/conversations/{id}/split")
    @RequiresPermission(Permissions.COMMS_VIEW_INBOX)
    ResponseEntity<Map<String, UUID>> split(@PathVariable UUID id, @Valid @RequestBody Split split) {
        UUID created = splits.split(Callers.current(), id, split.fromMessageId());
        return ResponseEntity.created(java.net.URI.create("/api/v1/inbox/conversations/" + created))
                .body(Map.of("id", created));
    }

    record Assignment(UUID staffId) {
    }

    /** Assigns to a member of staff; {@code {"staffId": null}} unassigns. */
    @PostMapping("/conversations/{id}/assignment")
    @RequiresPermission(Permissions.COMMS_VIEW_INBOX)
    ResponseEntity<Void> assign(@PathVariable UUID id, @RequestBody Assignment assignment) {
        conversations.assign(Callers.current(), id, assignment.staffId());
        return ResponseEntity.noContent().build();
    }

    /**
     * The category the conversation is about and, optionally, whether it was a crisis and whether it was urgent (both
     * or neither; a crisis is always urgent), which only staff who may read its clinical content can say.
     */
    record Recategorization(@NotNull Category category, Boolean crisis, Boolean urgent) {

        @AssertTrue(message = "give crisis and urgent together, or neither")
        boolean isFlagsTogether() {
            return (crisis == null) == (urgent == null);
        }

        @AssertTrue(message = "a crisis is always urgent")
        boolean isCrisisUrgent() {
            return !Boolean.TRUE.equals(crisis) || Boolean.TRUE.equals(urgent);
        }

        SafetyJudgement judgement() {
            return crisis == null ? null : crisis ? SafetyJudgement.CRISIS
                    : urgent ? SafetyJudgement.URGENT : SafetyJudgement.NEITHER;
        }
    }

    /** Corrects the category and, optionally, the crisis and urgent flags; both teach the practice's model. */
    @PostMapping("/conversations/{id}/category")
    @RequiresPermission(Permissions.COMMS_VIEW_INBOX)
    ResponseEntity<Void> recategorize(@PathVariable UUID id, @Valid @RequestBody Recategorization change) {
        recategorizations.recategorize(Callers.current(), id, change.category(), change.judgement());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/conversations/{id}/resolution")
    @RequiresPermission(Permissions.COMMS_VIEW_INBOX)
    ResponseEntity<Void> resolve(@PathVariable UUID id) {
        conversations.resolve(Callers.current(), id);
        return ResponseEntity.noContent().build();
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String field) {
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException(field, "is not a known value");
        }
    }

    private static String oneOf(String value, String field, String... allowed) {
        if (value == null) {
            return null;
        }
        String normalized = value.trim().toLowerCase(Locale.ROOT);
        if (!java.util.List.of(allowed).contains(normalized)) {
            throw new InvalidFieldException(field, "must be one of " + String.join(", ", allowed));
        }
        return normalized;
    }
}
