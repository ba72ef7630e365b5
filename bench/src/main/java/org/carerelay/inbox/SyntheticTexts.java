package org.carerelay.inbox;

import java.util.List;
import java.util.Map;

/** Made-up message texts for the benchmark's inbox, each fitting its conversation's triage; no real patient's. */
final class SyntheticTexts {

    private static final Map<Category, List<String>> FROM_PATIENTS = Map.of(
            Category.APPOINTMENT, List.of("Can I move my appointment to Friday morning?",
                    "I need to reschedule my visit next Tuesday, something came up at work",
                    "Necesito cambiar mi cita del martes", "Is there anything open this week for a physical?"),
            Category.REFILL, List.of("I need a refill of my lisinopril please",
                    "Can you send my metformin refill to the pharmacy on Main St?",
                    "Out of my inhaler, can the doctor send a new prescription?"),
            Category.BILLING, List.of("Why was I billed twice this month?",
                    "Can I set up a payment plan for my last statement?"),
            Category.RESULTS, List.of("Are my lab results back yet?",
                    "Could someone explain my cholesterol numbers from last week?"),
            Category.CLINICAL, List.of("My knee is still swollen after the injection",
                    "The rash is spreading since yesterday, should I come in?"),
            Category.ADMIN, List.of("What time do you open on Saturday?",
                    "Can you send my records to my new employer?"),
            Category.OTHER, List.of("Thank you so much!", "Ok sounds good, see you then"));
    private static final List<String> URGENT = List.of("Chest pain since this morning and short of breath",
            "My fever is 104 and I can't keep water down");
    private static final List<String> CRISIS = List.of("I don't want to be here anymore, I can't do this",
            "I took too many of my pills tonight");
    private static final List<String> REPLIES = List.of("Thanks for reaching out, we moved you to Friday at 9:00.",
            "Your refill was sent to the pharmacy; it should be ready after 4 pm.",
            "A nurse will call you this afternoon.",
            "Your results are normal; the doctor will go over them at your next visit.",
            "We looked into it: the second charge was a duplicate and has been refunded.");

    private SyntheticTexts() {
    }

    static String fromPatient(Category category, boolean urgent, boolean crisis, long n) {
        List<String> texts = crisis ? CRISIS : urgent ? URGENT : FROM_PATIENTS.get(category);
        return texts.get((int) (n % texts.size()));
    }

    static String reply(long n) {
        return REPLIES.get((int) (n % REPLIES.size()));
    }

    /** The triage's reasons as the classifier writes them (a JSON list). */
    static String reasons(Category category, boolean urgent, boolean crisis) {
        String model = "category " + category.name().toLowerCase(java.util.Locale.ROOT) + ": model 0.87";
        if (crisis) {
            return "[\"crisis: \\\"don't want to be here\\\"\", \"" + model + "\"]";
        }
        return urgent ? "[\"urgent: \\\"chest pain\\\"\", \"" + model + "\"]" : "[\"" + model + "\"]";
    }
}
