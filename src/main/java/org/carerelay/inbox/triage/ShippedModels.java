package org.carerelay.inbox.triage;

import java.util.List;

/**
 * The models trained on the shipped corpus alone, that every practice starts from: trained once per JVM, on first
 * use (half a minute on two cores), because they depend on nothing but the class path.
 */
record ShippedModels(List<TriageExample> corpus, TriageClassifier classifier, RiskModel risks, Languages languages) {

    static ShippedModels get() {
        return Holder.MODELS;
    }

    /** Initialized by the JVM on first access, once, whichever thread asks. */
    private static final class Holder {

        private static final ShippedModels MODELS = train();

        private static ShippedModels train() {
            List<TriageExample> corpus = List.copyOf(TrainingCorpus.load());
            RiskModel risks = RiskModel.train(corpus);
            Languages languages = Languages.train(corpus);
            return new ShippedModels(corpus, new TriageClassifier(CategoryModel.train(corpus), risks, languages),
                    risks, languages);
        }
    }
}
