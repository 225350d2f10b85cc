package io.webhookrouter.vonage.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a JVM's CPU went, from the threads found running Java code in a series of thread dumps: each such thread
 * is charged to the component of its first non-JDK frame (so SHA-256 called by the verifier counts as signature
 * checking), and also counted for each of the router's own stages found anywhere on its stack.
 */
public final class ExecutionProfile {

    /** Package prefixes, most specific first, and what they are in this application. */
    private static final List<Map.Entry<String, String>> COMPONENTS = List.of(
            Map.entry("io.webhookrouter.vonage.signature.", "signature check (router code)"),
            Map.entry("com.auth0.jwt.", "JWT decode + HMAC (java-jwt)"),
            Map.entry("com.fasterxml.jackson.", "JSON (Jackson)"),
            Map.entry("io.webhookrouter.vonage.", "router code (other)"),
            Map.entry("org.apache.activemq.artemis.core.journal.", "broker journal (Artemis)"),
            Map.entry("org.apache.activemq.artemis.core.io.", "broker journal (Artemis)"),
            Map.entry("org.apache.activemq.artemis.", "broker (Artemis)"),
            Map.entry("org.apache.activemq.", "broker (Artemis)"),
            Map.entry("org.apache.camel.", "Camel"),
            Map.entry("io.vertx.", "HTTP server (Vert.x)"),
            Map.entry("io.netty.", "network I/O (Netty)"),
            Map.entry("org.apache.logging.", "logging"),
            Map.entry("org.slf4j.", "logging"));
    /** Stages of the request path, matched against every frame of a sample. */
    private static final List<Map.Entry<String, String>> STAGES = List.of(
            Map.entry("io.webhookrouter.vonage.ingest.WebhookIngestProcessor.process", "whole request path"),
            Map.entry("io.webhookrouter.vonage.signature.SignatureVerifier.verify", "signature verification"),
            Map.entry("io.webhookrouter.vonage.event.EventClassifier.classify", "event classification (JSON parse)"),
            Map.entry("io.webhookrouter.vonage.broker.JmsHandoff.store", "broker hand-off (JMS send)"));

    private final Map<String, Long> byComponent = new HashMap<>();
    private final Map<String, Long> byStage = new HashMap<>();
    private final Map<String, Long> byMethod = new HashMap<>();
    private final Map<String, Long> byThreadPool = new HashMap<>();
    private long samples;

    /** Counts a thread that was running Java code when a dump was taken. */
    public void add(ThreadStack thread) {
        List<String> frames = thread.frames();
        samples++;
        byMethod.merge(frames.get(0), 1L, Long::sum);
        byComponent.merge(component(frames), 1L, Long::sum);
        STAGES.stream()
                .filter(stage -> frames.contains(stage.getKey()))
                .forEach(stage -> byStage.merge(stage.getValue(), 1L, Long::sum));
        byThreadPool.merge(ThreadGroups.poolOf(thread.name()), 1L, Long::sum);
    }

    private static String component(List<String> frames) {
        for (String frame : frames) {
            if (!ThreadStack.isJdk(frame)) {
                return COMPONENTS.stream()
                        .filter(c -> frame.startsWith(c.getKey()))
                        .map(Map.Entry::getValue)
                        .findFirst()
                        .orElse(frame.replaceAll("^((?:[^.]+\\.){1,3}).*", "$1*"));
            }
        }
        String top = frames.get(0);
        return "JDK only (" + top.substring(0, top.lastIndexOf('.')) + ")";
    }

    public long samples() {
        return samples;
    }

    public Map<String, Long> byComponent() {
        return byComponent;
    }

    /** Samples with each request-path stage on the stack (a sample may count for several). */
    public Map<String, Long> byStage() {
        return byStage;
    }

    /** Samples by the method that was running (self time). */
    public Map<String, Long> byMethod() {
        return byMethod;
    }

    public Map<String, Long> byThreadPool() {
        return byThreadPool;
    }
}
