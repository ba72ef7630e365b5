package org.carerelay.messaging.web;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.carerelay.messaging.Channel;
import org.carerelay.messaging.Message;
import org.carerelay.messaging.MessageId;
import org.carerelay.messaging.Messages;
import org.carerelay.messaging.Purpose;
import org.carerelay.messaging.SendRequest;
import org.carerelay.practice.ContactPointId;
import org.carerelay.practice.PatientId;
import org.carerelay.shared.Callers;
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

    MessageController(Messages messages) {
        this.messages = messages;
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
        Message message = messages.send(Callers.current(), new SendRequest(new PatientId(request.patientId()),
                request.contactPointId() == null ? null : new ContactPointId(request.contactPointId()),
                request.channel(), request.templateKey(), request.context(), request.purpose(),
                request.idempotencyKey(), request.notBefore() == null ? null : request.notBefore().toInstant()));
        return ResponseEntity.accepted().body(message);
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
