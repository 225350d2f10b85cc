package io.webhookrouter.vonage.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The warnings and errors in a target's log, folded by message: a run can look fine in numbers and still have
 * refused requests, failed sends or broker errors behind them.
 */
final class TargetLog {

    /** The layout of the router's log4j2.properties (and the harness's): date, level, [thread], logger - message. */
    private static final Pattern WARNING = Pattern.compile("^\\S+ (WARN|ERROR)\\s+\\[[^\\]]*] (.*)$");
    private static final int MESSAGE_CHARS = 110;

    private TargetLog() {
    }

    /** e.g. "3 × WARN WebhookIngestProcessor - Refused inbound webhook: ..." for the most frequent ones. */
    static String warnings(Path log, int limit) {
        Map<String, Long> counts = new HashMap<>();
        try (Stream<String> lines = Files.lines(log)) {
            lines.map(WARNING::matcher).filter(Matcher::matches).forEach(line -> {
                // queue, class and host names differ between otherwise identical warnings
                String message = line.group(2).replaceAll("\\b[\\w-]+(\\.[\\w-]+)+\\b", "*").replaceAll("\\d+", "N");
                String folded = line.group(1) + " " + message.substring(0, Math.min(MESSAGE_CHARS, message.length()));
                counts.merge(folded, 1L, Long::sum);
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (counts.isEmpty()) {
            return "no warnings or errors";
        }
        StringBuilder text = new StringBuilder();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(limit)
                .forEach(e -> text.append(String.format("%n  - %,d × `%s`", e.getValue(),
                        e.getKey().replace("`", "'"))));
        return text.toString();
    }
}
