package org.carerelay.inbox;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.carerelay.messaging.Channel;
import org.carerelay.messaging.InboundMessage;
import org.carerelay.messaging.Message;
import org.carerelay.messaging.Messages;
import org.carerelay.messaging.Purpose;
import org.carerelay.messaging.SendRequest;
import org.carerelay.practice.PatientId;
import org.carerelay.practice.Practices;
import org.carerelay.shared.Actor;
import org.carerelay.shared.PracticeId;
import org.springframework.stereotype.Component;

/**
 * An automatic answer to whoever sent an inbound message (the after-hours answer, the safety answer), kept in its
 * conversation so staff see what was said: to a known patient through the messaging hub (by e-mail in the
 * conversation's thread), to an unknown sender at the address they wrote from, in the practice's language. The
 * caller decides whether the answer is due and audits it.
 */
@Component
class SenderAnswers {

    private static final Actor ACTOR = Actor.system("inbox");

    private final Messages messages;
    private final Practices practices;
    private final OutboundEntries outbound;
    private final ReplyThreads replyThreads;

    SenderAnswers(Messages messages, Practices practices, OutboundEntries outbound, ReplyThreads replyThreads) {
        this.messages = messages;
        this.practices = practices;
        this.outbound = outbound;
        this.replyThreads = replyThreads;
    }

    /**
     * Sends {@code template} on {@code channel} and adds it to the conversation; empty when nobody can be answered
     * (an unknown sender in the portal). {@code placeholder} stands in the conversation for a text the hub did not
     * render (a suppressed delivery).
     */
    Optional<Message> send(PracticeId practice, UUID conversation, PatientId patient, InboundMessage message,
            Channel channel, String template, Map<String, Object> context, Purpose purpose, String placeholder,
            Instant now) {
        Optional<Message> sent = patient != null
                ? Optional.of(messages.send(practice, ACTOR, new SendRequest(patient, null, channel, template, context,
                        purpose, template + ":" + message.id(), null, true,
                        channel == Channel.EMAIL ? replyThreads.forReply(conversation) : null)))
                : channel == Channel.IN_APP ? Optional.empty()
                        : messages.answerSender(practice, channel, message.sender(), template,
                                practices.get(practice).defaultLanguage(), context);
        sent.ifPresent(reply -> {
            String text = reply.deliveries().get(0).text();
            outbound.add(practice, conversation, reply, text == null ? placeholder : text, null, now);
        });
        return sent;
    }
}
