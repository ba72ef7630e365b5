package org.carerelay.inbox.triage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar carerelay.jar triage evaluate <file.jsonl>}: triages each labelled message of the file (JSONL:
 * {@code id}, {@code text}, {@code category}, {@code crisis}, {@code urgent}) with the model trained on the shipped
 * corpus, and prints accuracy per category and overall, crisis recall and precision and urgent recall. Exits 0, or 2
 * when the file cannot be read.
 */
@Component
@ConditionalOnProperty(name = "carerelay.command", havingValue = "triage-evaluate")
class TriageEvaluateCommand implements ApplicationRunner, ExitCodeGenerator {

    private final PracticeModels models;
    private int exitCode;

    TriageEvaluateCommand(PracticeModels models) {
        this.models = models;
    }

    @Override
    public void run(ApplicationArguments args) {
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
                example -> classifier.classify(example.text(), TriageChannel.SMS));
        System.out.println("Triage evaluation of " + files.get(0) + " (" + examples.size() + " examples)");
        System.out.print(evaluation.report());
        exitCode = 0;
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
