package org.carerelay.inbox.triage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The crisis and urgent rules on their own: what they must catch, and the negations and idioms they must not. */
class SafetySignsTests {

    @ParameterizedTest(name = "crisis: {0}")
    @ValueSource(strings = {
            "I want to end it all",
            "I took all my pills",
            "no quiero vivir",
            "me quiero morir",
            "voy a hacerme daño",
            "Voy a hacerme dano esta noche",
            "I'm thinking about killing myself",
            "i want to die",
            "I don't want to live anymore",
            "I've been cutting myself again",
            "I swallowed a whole bottle of Tylenol",
            "I'm going to kill him, I have a gun",
            "ya no quiero vivir, estoy cansada",
            "me tome todas las pastillas",
            "Quiero quitarme la vida",
            "He pensado en suicidarme",
            "I don't know why but I want to die",
            "I'm not ok and I want to die",
            "My daughter says she wants to kill herself",
            "Everyone would be better off without me",
            "Goodbye everyone. I won't be here tomorrow.",
            "I've been stockpiling my oxycodone",
            "I have a gun and I'm thinking of using it on myself",
            "me quiero cortar",
            "ya no aguanto más, quiero quitarme la vida",
            "There's no point anymore, I'm done"})
    void flagsACrisis(String text) {
        assertThat(crisis(text)).as(text).isNotEmpty();
    }

    @ParameterizedTest(name = "not a crisis: {0}")
    @ValueSource(strings = {
            "I'm not suicidal, just need my refill",
            "I’m not suicidal, I just need my refill",
            "this traffic is killing me",
            "I could kill for a coffee",
            "dying to see the new office",
            "My back is killing me",
            "These bills are killing me",
            "I'm dead tired",
            "No thoughts of hurting myself, just anxious",
            "I would never hurt myself",
            "No estoy pensando en suicidarme, solo estoy triste",
            "no quiero hacerme daño ni nada, solo necesito mi receta",
            "me muero de hambre",
            "me muero de ganas de ver la nueva clínica",
            "Me mata el dolor de espalda",
            "I cut myself shaving",
            "I hurt myself at the gym yesterday",
            "I took all my antibiotics and I'm still sick",
            "Does this medication cause suicidal thoughts? The label warns about it",
            "Please cancel, I'm moving to Texas. This is goodbye and thank you!",
            "I'd rather die than sit through that hold music again lol",
            "I don't want to die from this infection, is it serious?",
            "My phone died",
            "I took all my meds this morning as usual but still feel dizzy",
            "Can this medication cause self harm thoughts? Just asking before I start",
            "I'm going to kill my brother if he eats my leftovers again lol",
            "No me quiero morir de esta tos, ¿es grave?",
            "La espera me está matando jaja"})
    void leavesNegationsAndIdiomsAlone(String text) {
        assertThat(crisis(text)).as(text).isEmpty();
    }

    @ParameterizedTest(name = "urgent: {0}")
    @ValueSource(strings = {
            "I have chest pain",
            "dolor de pecho desde hace una hora",
            "no puedo respirar",
            "I'm having trouble breathing",
            "bleeding heavily and it won't stop",
            "his face is drooping and his speech is slurred",
            "my 6 week old has a fever of 100.5",
            "Mi bebé de 1 mes tiene fiebre",
            "my lips are swelling after the new antibiotic",
            "se me cierra la garganta",
            "my blood sugar is 45",
            "BP is 200/120 with a headache",
            "my son is having a seizure",
            "fever of 104",
            "My 4 month old has a fever of 103"})
    void flagsUrgentSigns(String text) {
        assertThat(urgent(text)).as(text).isNotEmpty();
    }

    @ParameterizedTest(name = "not urgent: {0}")
    @ValueSource(strings = {
            "No chest pain, just a cough",
            "no trouble breathing, only a stuffy nose",
            "The chest pain I had last month is gone",
            "sin dolor de pecho, solo tos",
            "Can I get an early refill on my seizure medicine?",
            "I'm confused about my bill",
            "My mom had a stroke years ago, what are the warning signs?",
            "that bill almost gave me a heart attack lol",
            "my blood sugar was 130 this morning",
            "Can I cut my pill in half? It's hard to swallow",
            "I need my epipen prescription renewed",
            "My 10 month old has a fever of 100.5 and is drinking well"})
    void leavesNonUrgentMentionsAlone(String text) {
        assertThat(urgent(text)).as(text).isEmpty();
    }

    @ParameterizedTest(name = "quotes the patient''s words: {0}")
    @ValueSource(strings = {"Me QUIERO MORIR", "Tengo DOLOR DE PECHO"})
    void quotesThePhraseAsWritten(String text) {
        List<String> found = SignFinder.find(FoldedText.of(text), CrisisSigns.PHRASES);
        found = found.isEmpty() ? urgent(text) : found;
        assertThat(found).singleElement().satisfies(phrase -> assertThat(text).contains(phrase));
    }

    private static List<String> crisis(String text) {
        return SignFinder.find(FoldedText.of(text), CrisisSigns.PHRASES);
    }

    private static List<String> urgent(String text) {
        FoldedText folded = FoldedText.of(text);
        List<String> found = new java.util.ArrayList<>(SignFinder.find(folded, UrgentSigns.PHRASES));
        found.addAll(VitalSigns.find(folded));
        return found;
    }
}
