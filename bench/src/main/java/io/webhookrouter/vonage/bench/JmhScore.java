package io.webhookrouter.vonage.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The verifier's JMH result, read from the JSON file JMH wrote ({@code -rf json}) earlier in the same run. */
public record JmhScore(String benchmark, int threads, double score, double error, String unit) {

    /** Null when JMH was not part of this run (no file given) or wrote no result. */
    public static JmhScore read(Path json) throws IOException {
        if (json == null || !Files.exists(json)) {
            return null;
        }
        JsonNode result = new ObjectMapper().readTree(json.toFile()).path(0);
        if (result.isMissingNode()) {
            return null;
        }
        JsonNode metric = result.path("primaryMetric");
        return new JmhScore(result.path("benchmark").asText(), result.path("threads").asInt(),
                metric.path("score").asDouble(), metric.path("scoreError").asDouble(),
                metric.path("scoreUnit").asText());
    }
}
