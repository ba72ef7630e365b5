package org.carerelay.messaging.email;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import org.carerelay.messaging.Channel;
import org.carerelay.messaging.dispatch.ChannelSender;
import org.carerelay.messaging.dispatch.OutgoingMessage;
import org.carerelay.messaging.dispatch.SendOutcome;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Email over SMTP (any relay, the SES SMTP interface included): multipart/alternative with the plain text and
 * the branded HTML, from the practice's sender identity, under the delivery's own Message-ID and, for a reply, with
 * its In-Reply-To, References and reply address. SMTP 4xx replies and connection trouble are transient, 5xx
 * replies permanent, with the reply code kept as the reason.
 */
@Component
class SmtpEmailSender implements ChannelSender {

    static final String PROVIDER = "smtp";
    /** Lets a bounce or receipt that quotes the headers be traced back to its delivery. */
    static final String DELIVERY_HEADER = "X-CareRelay-Delivery";

    private final ObjectProvider<JavaMailSender> mail;
    private final SenderIdentity identity;
    private final String host;

    SmtpEmailSender(ObjectProvider<JavaMailSender> mail, SenderIdentity identity,
            @Value("${spring.mail.host:}") String host) {
        this.mail = mail;
        this.identity = identity;
        this.host = host;
    }

    @Override
    public String provider() {
        return PROVIDER;
    }

    @Override
    public boolean handles(Channel channel) {
        return channel == Channel.EMAIL;
    }

    @Override
    public SendOutcome send(OutgoingMessage message) {
        JavaMailSender sender = mail.getIfAvailable();
        if (sender == null || host.isBlank()) {
            return new SendOutcome.PermanentFailure(PROVIDER, "smtp-not-configured");
        }
        try {
            MimeMessage mime = sender.createMimeMessage();
            MimeMessageHelper helper = message.html() != null
                    ? new MimeMessageHelper(mime, MimeMessageHelper.MULTIPART_MODE_RELATED, StandardCharsets.UTF_8.name())
                    : new MimeMessageHelper(mime, StandardCharsets.UTF_8.name());
            helper.setFrom(identity.from(message.practice()));
            helper.setTo(message.to());
            helper.setSubject(message.subject());
            if (message.html() != null) {
                helper.setText(message.text(), message.html());
            } else {
                helper.setText(message.text());
            }
            if (message.thread().replyTo() != null) {
                helper.setReplyTo(message.thread().replyTo());
            }
            mime.setHeader(DELIVERY_HEADER, message.deliveryId().toString());
            for (var header : message.listUnsubscribeHeaders().entrySet()) {
                mime.setHeader(header.getKey(), header.getValue());
            }
            // Spring's sender keeps a Message-ID set here, so a retry goes out under the same one.
            for (var header : message.thread().headers().entrySet()) {
                mime.setHeader(header.getKey(), MimeUtility.fold(header.getKey().length() + 2, header.getValue()));
            }
            sender.send(mime);
            return new SendOutcome.Accepted(PROVIDER, mime.getMessageID(), false);
        } catch (MailAuthenticationException e) {
            return new SendOutcome.PermanentFailure(PROVIDER, "smtp-authentication-failed");
        } catch (MailSendException e) {
            return classify(e);
        } catch (MailException | MessagingException | UnsupportedEncodingException e) {
            return new SendOutcome.TransientFailure(PROVIDER, "smtp-unavailable");
        }
    }

    /** The SMTP reply code decides: 4xx is worth retrying, 5xx is not. */
    static SendOutcome classify(MailSendException e) {
        for (Exception failure : e.getFailedMessages().values()) {
            Throwable cause = failure;
            while (cause != null) {
                int code = cause instanceof SMTPAddressFailedException address ? address.getReturnCode()
                        : cause instanceof SMTPSendFailedException send ? send.getReturnCode() : -1;
                if (code >= 500) {
                    return new SendOutcome.PermanentFailure(PROVIDER, "smtp-" + code);
                }
                if (code >= 400) {
                    return new SendOutcome.TransientFailure(PROVIDER, "smtp-" + code);
                }
                cause = cause instanceof SendFailedException send && send.getNextException() != null
                        ? send.getNextException() : cause.getCause();
            }
        }
        return new SendOutcome.TransientFailure(PROVIDER, "smtp-unavailable");
    }
}
