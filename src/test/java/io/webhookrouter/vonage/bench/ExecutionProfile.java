package io.webhookrouter.vonage.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a JVM's CPU went, from the execution samples of a flight recording: each sample is charged to the
 * component of its first non-JDK frame (so SHA-256 called by the verifier counts as signature checking), and
 * also counted for each of the router's own stages found anywhere on its stack.
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

    public static ExecutionProfile read(Path recording) throws IOException {
        ExecutionProfile profile = new ExecutionProfile();
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                if ("jdk.ExecutionSample".equals(event.getEventType().getName()) && event.getStackTrace() != null) {
                    profile.add(event);
                }
            }
        }
        return profile;
    }

    private void add(RecordedEvent sample) {
        RecordedStackTrace stack = sample.getStackTrace();
        List<RecordedFrame> frames = stack.getFrames().stream().filter(RecordedFrame::isJavaFrame).toList();
        if (frames.isEmpty()) {
            return;
        }
        samples++;
        byMethod.merge(methodName(frames.get(0)), 1L, Long::sum);
        byComponent.merge(component(frames), 1L, Long::sum);
        STAGES.stream()
                .filter(stage -> frames.stream().anyMatch(frame -> methodName(frame).equals(stage.getKey())))
                .forEach(stage -> byStage.merge(stage.getValue(), 1L, Long::sum));
        RecordedThread thread = sample.getThread("sampledThread");
        byThreadPool.merge(thread == null ? "?" : ThreadGroups.poolOf(String.valueOf(thread.getJavaName())), 1L,
                Long::sum);
    }

    private static String component(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            String type = frame.getMethod().getType().getName();
            if (!isJdk(type)) {
                return COMPONENTS.stream()
                        .filter(c -> type.startsWith(c.getKey()))
                        .map(Map.Entry::getValue)
                        .findFirst()
                        .orElse(type.replaceAll("^((?:[^.]+\\.){1,3}).*", "$1*"));
            }
        }
        return "JDK only (" + simpleName(frames.get(0).getMethod().getType().getName()) + ")";
    }

    private static boolean isJdk(String type) {
        return type.startsWith("java.") || type.startsWith("javax.") || type.startsWith("jdk.")
                || type.startsWith("sun.") || type.startsWith("com.sun.");
    }

    private static String methodName(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    private static String simpleName(String type) {
        return type.substring(type.lastIndexOf('.') + 1);
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
