package org.carerelay.inbox.triage;

import static org.assertj.core.api.Assertions.assertThat;

import org.carerelay.inbox.Category;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TriageClassifierTests {

    private final TriageClassifier classifier = ShippedModels.get().classifier();

    @Test
    void aCrisisInsideAnAdministrativeMessageIsACrisisAndKeepsItsCategory() {
        TriageResult result = classifier.classify("Please cancel my appointment on Friday. I took all my pills an hour"
                + " ago", TriageChannel.SMS);
        assertThat(result.crisis()).isTrue();
        assertThat(result.urgent()).isTrue();
        assertThat(result.risk()).isEqualTo(Risk.CRISIS);
        assertThat(result.category()).isEqualTo(Category.APPOINTMENT);
        assertThat(result.signals()).contains(new TriageSignal("crisis", "rules", null,
                java.util.List.of("took all my pills")));
        assertThat(result.reasons()).contains("crisis (rules): \"took all my pills\"");
    }

    @Test
    void theModelRaisesACrisisNoPhraseRuleLists() {
        String text = "honestly dont see myself making it to the holidays, already gave my dog to my cousin";
        assertThat(SignFinder.find(FoldedText.of(text), CrisisSigns.PHRASES)).isEmpty();

        TriageResult result = classifier.classify(text, TriageChannel.SMS);

        assertThat(result.crisis()).isTrue();
        assertThat(result.signals()).filteredOn(signal -> signal.layer().equals("model")).singleElement()
                .satisfies(signal -> {
                    assertThat(signal.flag()).isEqualTo("crisis");
                    assertThat(signal.probability()).isGreaterThanOrEqualTo(TriageClassifier.CRISIS);
                    assertThat(signal.words()).isNotEmpty().allSatisfy(word -> assertThat(text).contains(word));
                });
        assertThat(result.reasons()).anyMatch(reason -> reason.matches("crisis \\(model [01]\\.\\d\\d\\): .*"));
    }

    @Test
    void anOrdinaryMessageRaisesNothing() {
        TriageResult result = classifier.classify("Can I reschedule my appointment to Friday?", TriageChannel.SMS);
        assertThat(result.category()).isEqualTo(Category.APPOINTMENT);
        assertThat(result.confidence()).isBetween(0.5, 1.0);
        assertThat(result.urgent()).isFalse();
        assertThat(result.crisis()).isFalse();
        assertThat(result.risk()).isEqualTo(Risk.NONE);
        assertThat(result.signals()).isEmpty();
        assertThat(result.reasons()).singleElement().asString()
                .matches("category appointment: model [01]\\.\\d\\d \\(.*\"reschedule\".*\\)");
    }

    @Test
    void aDenialRightAfterASignCancelsIt() {
        TriageResult result = classifier.classify("you asked me to text if I had thoughts of hurting myself - I"
                + " dont, all good. should I go up to 100mg like we talked?", TriageChannel.SMS);
        assertThat(result.signals()).noneMatch(signal -> signal.layer().equals("rules"));
    }

    @Test
    void historyToldAsOverIsNotACrisis() {
        TriageResult result = classifier.classify("I had a suicide attempt back in 2016. I've been stable and doing"
                + " well for years. Could you send my records to my new psychiatrist?", TriageChannel.PORTAL);
        assertThat(result.signals()).noneMatch(signal -> signal.layer().equals("rules"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            en | I need to move my appointment to next week please
            es | Necesito cambiar mi cita para la próxima semana por favor
            pt | Preciso remarcar minha consulta para a semana que vem
            fr | Je dois déplacer mon rendez-vous à la semaine prochaine
            vi | Tôi cần đổi lịch hẹn sang tuần sau
            tl | Kailangan ko pong ilipat ang appointment ko sa susunod na linggo
            ht | Mwen bezwen chanje randevou mwen pou semèn pwochèn
            zh | 我需要把预约改到下周
            ko | 다음 주로 예약을 변경하고 싶어요
            ar | أحتاج إلى تغيير موعدي إلى الأسبوع القادم
            ru | Мне нужно перенести приём на следующую неделю
            und | ok
            """)
    void detectsTheLanguage(String language, String text) {
        assertThat(classifier.classify(text, TriageChannel.SMS).language()).isEqualTo(language);
    }

    @Test
    void readsOnlyTheNewPartOfAnEmail() {
        String reply = """
                Thanks, that works for me!

                On Mon, Nov 3, 2026 at 9:00 AM Harbor Clinic <no-reply@harbor.example> wrote:
                > Your lab results are ready. If you have chest pain, call 911.
                """;
        TriageResult result = classifier.classify(reply, TriageChannel.EMAIL);
        assertThat(result.urgent()).isFalse();
        assertThat(result.category()).isEqualTo(Category.OTHER);
    }
}
