package org.carerelay.messaging.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import jakarta.mail.internet.InternetAddress;
import org.carerelay.messaging.dispatch.SendOutcome;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;
import org.springframework.mail.MailSendException;

class SmtpReplyCodeTests {

    @Test
    void aRejectedRecipientIsAPermanentFailureWithItsCode() throws Exception {
        var rejected = new SMTPAddressFailedException(new InternetAddress("x@example.test"), "RCPT TO", 550,
                "550 5.1.1 no such user");
        assertThat(SmtpEmailSender.classify(new MailSendException(Map.of(new Object(), rejected))))
                .isEqualTo(new SendOutcome.PermanentFailure("smtp", "smtp-550"));
    }

    @Test
    void aGreylistingReplyIsRetried() {
        var later = new SMTPSendFailedException("DATA", 451, "451 4.7.1 try again later", null, null, null, null);
        assertThat(SmtpEmailSender.classify(new MailSendException(Map.of(new Object(), later))))
                .isEqualTo(new SendOutcome.TransientFailure("smtp", "smtp-451"));
    }
}
