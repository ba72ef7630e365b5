package org.carerelay.inbox.triage;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.carerelay.inbox.Category;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads labelled messages from JSONL: {@code id}, {@code text}, {@code category}, {@code crisis}, {@code urgent}, and
 * optionally {@code language} and {@code channel} ({@code sms}, {@code email}, {@code voicemail}, {@code portal}).
 */
final class TriageExamples {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TriageExamples() {
    }

    /**
     * Every example in {@code jsonl}; blank lines are skipped. A malformed line fails the whole read, naming its
     * line number (never its text).
     */
    static List<TriageExample> read(InputStream jsonl) throws IOException {
        List<TriageExample> examples = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(jsonl, StandardCharsets.UTF_8));
        int number = 0;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            number++;
            if (!line.isBlank()) {
                examples.add(parse(line, number));
            }
        }
        return examples;
    }

    private static TriageChannel channel(String channel, int number) {
        if (channel == null) {
            return null;
        }
        return switch (channel.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "sms" -> TriageChannel.SMS;
            case "email" -> TriageChannel.EMAIL;
            case "voicemail", "voice" -> TriageChannel.VOICE;
            case "portal", "in_app" -> TriageChannel.PORTAL;
            default -> throw new IllegalArgumentException("line " + number + ": unknown channel");
        };
    }

    private static TriageExample parse(String line, int number) {
        try {
            JsonNode node = JSON.readTree(line);
            String text = node.path("text").asString(null);
            String category = node.path("category").asString(null);
            if (text == null || category == null) {
                throw new IllegalArgumentException("line " + number + ": needs \"text\" and \"category\"");
            }
            return new TriageExample(node.path("id").asString("line-" + number), text,
                    Category.valueOf(category.strip().toUpperCase(java.util.Locale.ROOT)),
                    node.path("crisis").asBoolean(false), node.path("urgent").asBoolean(false),
                    node.path("language").asString(null), channel(node.path("channel").asString(null), number));
        } catch (JacksonException e) {
            throw new IllegalArgumentException("line " + number + ": not a JSON object");
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("line ")) {
                throw e;
            }
            throw new IllegalArgumentException("line " + number + ": unknown category");
        }
    }
}
