package org.carerelay.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** The References of a reply (RFC 5322 §3.6.4) and the Message-IDs Amazon SES gives. */
class EmailThreadsTests {

    @Test
    void aReplyReferencesTheParentsReferencesThenTheParent() {
        assertThat(EmailThreads.references("<c@patient.test>", List.of("<b@clinic.test>"),
                List.of("<a@patient.test>", "<b@clinic.test>")))
                .containsExactly("<a@patient.test>", "<b@clinic.test>", "<c@patient.test>");
    }

    @Test
    void aParentWithoutReferencesContributesTheOneMessageItAnswers() {
        assertThat(EmailThreads.references("<b@patient.test>", List.of("<a@clinic.test>"), List.of()))
                .containsExactly("<a@clinic.test>", "<b@patient.test>");
        assertThat(EmailThreads.references("<c@patient.test>", List.of("<a@clinic.test>", "<b@clinic.test>"),
                List.of())).as("two parents of its own: neither is the thread").containsExactly("<c@patient.test>");
        assertThat(EmailThreads.references("<a@patient.test>", List.of(), List.of()))
                .containsExactly("<a@patient.test>");
    }

    @Test
    void aLongThreadKeepsItsFirstMessageAndTheLatestOnes() {
        List<String> thread = IntStream.range(0, 50).mapToObj(i -> "<m" + i + "@patient.test>").toList();
        List<String> references = EmailThreads.references("<last@patient.test>", List.of(), thread);
        assertThat(references).hasSize(EmailThreads.MAX_REFERENCES)
                .startsWith("<m0@patient.test>")
                .endsWith("<m48@patient.test>", "<m49@patient.test>", "<last@patient.test>");
    }

    @Test
    void knowsTheSesMessageIdBehindAMessageIdSesGave() {
        assertThat(EmailThreads.sesMessageId("<0100019340f1a2b3-4c5d-000000@email.amazonses.com>"))
                .isEqualTo("0100019340f1a2b3-4c5d-000000");
        assertThat(EmailThreads.sesMessageId("<010201934-abc-000000@eu-west-1.amazonses.com>"))
                .isEqualTo("010201934-abc-000000");
        assertThat(EmailThreads.sesMessageId("<abc@notamazonses.com>")).isNull();
        assertThat(EmailThreads.sesMessageId("<abc@clinic.example.test>")).isNull();
    }
}
