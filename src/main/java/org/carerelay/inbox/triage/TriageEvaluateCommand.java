package org.carerelay.inbox.triage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar carerelay.jar triage evaluate <file.jsonl>}: triages each labelled message of the file (JSONL:
 * {@code id}, {@code text}, {@code category}, {@code crisis}, {@code urgent}, optionally {@code language} and
 * {@code channel}) with the models trained on the shipped corpus, and prints accuracy per category, the confusion
 * matrix, crisis and urgent recall and precision overall and per language, the risk tiers the crises landed in, and
 * the ids it got wrong. {@code triage cross-validate} prints the same for the blind development set, each message
 * triaged by models trained without it (5-fold cross-validation). Exits 0, or 2 when the file cannot be read.
 */
@Component
@ConditionalOnExpression("'${carerelay.command:}' == 'triage-evaluate' or '${carerelay.command:}' == 'triage-cross-validate'")
class TriageEvaluateCommand implements ApplicationRunner, ExitCodeGenerator {

    static final int FOLDS = 5;

    private final PracticeModels models;
    private final String command;
    private int exitCode;

    TriageEvaluateCommand(PracticeModels models, @Value("${carerelay.command}") String command) {
        this.models = models;
        this.command = command;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (command.equals("triage-cross-validate")) {
            Set<String> development = TrainingCorpus.developmentSet().stream().map(TriageExample::id)
                    .collect(Collectors.toSet());
            TriageEvaluation evaluation = TriageCrossValidation.run(TrainingCorpus.load(), development, FOLDS);
            System.out.println("Triage " + FOLDS + "-fold cross-validation, figures on the blind development set ("
                    + evaluation.examples() + " examples)");
            System.out.print(evaluation.report());
            return;
        }
        List<String> files = args.getNonOptionArgs();
        if (files.size() != 1) {
            System.err.println("Usage: triage evaluate <file.jsonl>");
            exitCode = 2;
            return;
        }
        List<TriageExample> examples;
        try (InputStream file = Files.newInputStream(Path.of(files.get(0)))) {
            examples = TriageExamples.read(file);
        } catch (IOException e) {
            System.err.println("Cannot read " + files.get(0) + ": " + e.getClass().getSimpleName());
            exitCode = 2;
            return;
        } catch (IllegalArgumentException e) {
            System.err.println("Invalid evaluation file: " + e.getMessage());
            exitCode = 2;
            return;
        }
        TriageClassifier classifier = models.base();
        TriageEvaluation evaluation = TriageEvaluation.of(examples,
                example -> classifier.classify(example.text(), TriageCrossValidation.channel(example)));
        System.out.println("Triage evaluation of " + files.get(0) + " (" + examples.size() + " examples)");
        System.out.print(evaluation.report());
        exitCode = 0;
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
