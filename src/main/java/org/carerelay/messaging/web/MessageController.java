package org.carerelay.messaging.web;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.carerelay.messaging.BulkSend;
import org.carerelay.messaging.BulkSends;
import org.carerelay.messaging.Channel;
import org.carerelay.messaging.Message;
import org.carerelay.messaging.MessageId;
import org.carerelay.messaging.Messages;
import org.carerelay.messaging.Purpose;
import org.carerelay.messaging.SendRequest;
import org.carerelay.practice.ContactPointId;
import org.carerelay.practice.PatientId;
import org.carerelay.shared.Callers;
import org.carerelay.shared.InvalidFieldException;
import org.carerelay.shared.ListPage;
import org.carerelay.shared.PageRequest;
import org.carerelay.shared.Permissions;
import org.carerelay.shared.RequiresPermission;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/messages")
class MessageController {

    private final Messages messages;
    private final BulkSends bulkSends;

    MessageController(Messages messages, BulkSends bulkSends) {
        this.messages = messages;
        this.bulkSends = bulkSends;
    }

    record BulkRecipient(@NotNull UUID patientId, Map<String, Object> context) {
    }

    record SendBulk(
            @NotBlank @Size(max = 64) String templateKey,
            @NotNull Channel channel,
            @NotNull Purpose purpose,
            OffsetDateTime notBefore,
            @NotNull @Size(min = 1, max = 10_000) List<@NotNull @Valid BulkRecipient> recipients) {
    }

    /** One template to many patients: 202 with a progress resource at {@code Location}. */
    @PostMapping("/bulk")
    @RequiresPermission(Permissions.COMMS_SEND_BULK)
    ResponseEntity<BulkSend> sendBulk(@Valid @RequestBody SendBulk request) {
        refuseSecurityPurpose(request.purpose());
        BulkSend bulk = bulkSends.request(Callers.current(), request.templateKey(), request.channel(),
                request.purpose(), request.notBefore() == null ? null : request.notBefore().toInstant(),
                request.recipients().stream()
                        .map(r -> new BulkSends.Recipient(new PatientId(r.patientId()), r.context()))
                        .toList());
        return ResponseEntity.accepted().location(URI.create("/api/v1/messages/bulk/" + bulk.id())).body(bulk);
    }

    @GetMapping("/bulk/{id}")
    @RequiresPermission(Permissions.COMMS_SEND_BULK)
    BulkSend bulkProgress(@PathVariable UUID id) {
        return bulkSends.find(Callers.current().practice(), id);
    }

    record SendMessage(
            @NotNull UUID patientId,
            UUID contactPointId,
            @NotNull Channel channel,
            @NotBlank @Size(max = 64) String templateKey,
            Map<String, Object> context,
            @NotNull Purpose purpose,
            @Size(max = 200) String idempotencyKey,
            OffsetDateTime notBefore) {
    }

    /** Queues a message; 202 with its deliveries as the policy decided them. */
    @PostMapping
    @RequiresPermission(Permissions.COMMS_SEND_MESSAGE)
    ResponseEntity<Message> send(@Valid @RequestBody SendMessage request) {
        refuseSecurityPurpose(request.purpose());
        Message message = messages.send(Callers.current(), new SendRequest(new PatientId(request.patientId()),
                request.contactPointId() == null ? null : new ContactPointId(request.contactPointId()),
                request.channel(), request.templateKey(), request.context(), request.purpose(),
                request.idempotencyKey(), request.notBefore() == null ? null : request.notBefore().toInstant()));
        return ResponseEntity.accepted().body(message);
    }

    /**
     * SECURITY messages pass consent, opt-outs and quiet hours because the patient asked for them (a sign-in link);
     * only CareRelay itself sends them, never a caller of the API.
     */
    private static void refuseSecurityPurpose(Purpose purpose) {
        if (purpose == Purpose.SECURITY) {
            throw new InvalidFieldException("purpose", "security messages are sent by CareRelay itself only");
        }
    }

    @GetMapping
    @RequiresPermission(Permissions.COMMS_VIEW_INBOX)
    ListPage<Message> list(@RequestParam(name = "patient", required = false) UUID patient,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "" + PageRequest.DEFAULT_SIZE) int size) {
        return messages.list(Callers.current(), patient, new PageRequest(page, size));
    }

    @GetMapping("/{id}")
    @RequiresPermission(Permissions.COMMS_VIEW_INBOX)
    Message get(@PathVariable UUID id) {
        return messages.view(Callers.current(), new MessageId(id));
    }
}
