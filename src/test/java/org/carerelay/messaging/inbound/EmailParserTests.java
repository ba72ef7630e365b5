package org.carerelay.messaging.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import org.carerelay.SharedTestData;
import org.junit.jupiter.api.Test;

/** Real messages from public parser test suites (../shared/testdata/mime-emails). */
class EmailParserTests {

    private static ParsedEmail parse(String file) throws Exception {
        return EmailParser.parse(Files.readAllBytes(SharedTestData.file("mime-emails/" + file)));
    }

    @Test
    void aGmailReplyKeepsItsTextAndSeparatesTheQuotedHistory() throws Exception {
        ParsedEmail email = parse("talon/gmail.eml");
        assertThat(email.from()).isEqualTo("xxx@gmail.com");
        assertThat(email.fromName()).isEqualTo("Megan One");
        assertThat(email.recipients()).containsExactly("bob@example.com");
        assertThat(email.subject()).isEqualTo("Re: Test");
        assertThat(email.reply()).isEqualTo("Hello");
        assertThat(email.text()).contains("wrote:", "> Hi");
    }

    @Test
    void outlookAndAndroidRepliesEndWhereTheirQuotingBegins() throws Exception {
        ParsedEmail outlook = parse("talon/outlook.eml");
        assertThat(outlook.reply()).doesNotContain("From:", "Sent:").isNotBlank();
        ParsedEmail android = parse("talon/android.eml");
        assertThat(android.reply()).isNotBlank().doesNotContain("wrote:");
        assertThat(android.text().length()).isGreaterThan(android.reply().length());
    }

    @Test
    void decodesCharsetsAndQuotedPrintable() throws Exception {
        ParsedEmail german = parse("james-mime4j/german-qp.msg");
        assertThat(german.text()).containsAnyOf("ä", "ö", "ü", "ß");
        assertThat(german.reply()).doesNotContain("\n-- \n");
        ParsedEmail cyrillic = parse("flanker/bilingual-simple.eml");
        assertThat(cyrillic.text()).containsPattern("\\p{IsCyrillic}");
    }

    @Test
    void anHtmlOnlyMessageIsReadAsText() throws Exception {
        ParsedEmail html = parse("flanker/long-links.eml");
        assertThat(html.text()).isNotBlank().doesNotContain("<html", "<div", "&nbsp;");
    }

    @Test
    void keepsAttachmentsWithTheirDecodedNames() throws Exception {
        ParsedEmail iphone = parse("flanker/iphone.eml");
        assertThat(iphone.attachments()).extracting(ParsedEmail.Attachment::filename).contains("photo.JPG");
        assertThat(iphone.attachments().get(0).content().length).isGreaterThan(1000);
        ParsedEmail latin1 = parse("james-mime4j/attachment-filename-encoding-Latin1.msg");
        assertThat(latin1.attachments()).extracting(ParsedEmail.Attachment::filename).contains("attachment.äöü");
        ParsedEmail clash = parse("james-mime4j/boundary-name-clash.msg");
        assertThat(clash.attachments()).extracting(ParsedEmail.Attachment::contentType).contains("application/pdf");
        assertThat(clash.text()).isNotBlank();
    }

    @Test
    void somethingThatIsNotAnEmailIsRefused() {
        assertThatThrownBy(() -> EmailParser.parse("just some words".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedEmailException.class);
    }

    @Test
    void readsTheMessageIdsThatThreadAMessage() {
        ParsedEmail email = EmailParser.parse(("""
                From: Ana Lopez <ana@patient.example.test>
                To: office@clinic.example.test
                Subject: Re: your message
                Message-ID: <answer-2@patient.example.test>
                In-Reply-To: <reply-1@clinic.example.test> (Your reply)
                References: <question-1@patient.example.test>
                 <reply-1@clinic.example.test>
                Content-Type: text/plain; charset=us-ascii

                Thank you!
                """).replace("\n", "\r\n").getBytes(StandardCharsets.US_ASCII));
        assertThat(email.messageId()).isEqualTo("<answer-2@patient.example.test>");
        assertThat(email.inReplyTo()).containsExactly("<reply-1@clinic.example.test>");
        assertThat(email.references()).containsExactly("<question-1@patient.example.test>",
                "<reply-1@clinic.example.test>");
    }

    @Test
    void aVeryLongReferencesKeepsItsFirstIdAndTheLatest() {
        StringBuilder references = new StringBuilder();
        for (int i = 0; i < 150; i++) {
            references.append(" <m").append(i).append("@patient.example.test>");
        }
        assertThat(EmailParser.messageIds(references.toString())).hasSize(EmailParser.MAX_REFERENCES)
                .startsWith("<m0@patient.example.test>").endsWith("<m149@patient.example.test>");
        assertThat(EmailParser.messageIds("no ids here")).isEmpty();
        assertThat(EmailParser.messageIds(null)).isEmpty();
    }
}
