package io.webhookrouter.vonage.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where a JVM's CPU time (or its allocated bytes) went, from async-profiler's collapsed stacks ({@code collapsed,ann}:
 * one line per distinct stack, root first, frames separated by {@code ;}, then its weight). Each stack is charged to
 * the component of its first non-JDK Java frame from the top (so SHA-256 called by the verifier, or a socket write
 * in the kernel under Netty, count for the caller), and also counted for each of the router's own stages found
 * anywhere on it.
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
    /** Stages of the request path, matched against every frame of a stack. */
    private static final List<Map.Entry<String, String>> STAGES = List.of(
            Map.entry("io.webhookrouter.vonage.ingest.WebhookIngestProcessor.process", "whole request path"),
            Map.entry("io.webhookrouter.vonage.signature.SignatureVerifier.verify", "signature verification"),
            Map.entry("io.webhookrouter.vonage.event.EventClassifier.classify", "event classification (JSON parse)"),
            // not on the request path: the routing stage and the outboxes, which share its cores
            Map.entry("io.webhookrouter.vonage.broker.batch.BatchLoop.routeAndCommit", "routing and delivery (jms-batch)"),
            Map.entry("io.webhookrouter.vonage.broker.JmsHandoff.store", "broker hand-off (JMS send)"));

    private final boolean leafIsType;
    private final Map<String, Long> byComponent = new HashMap<>();
    private final Map<String, Long> byStage = new HashMap<>();
    private final Map<String, Long> byLeaf = new HashMap<>();
    private final Map<String, Long> byTopJavaFrame = new HashMap<>();
    private long total;
    private long inKernel;

    private ExecutionProfile(boolean leafIsType) {
        this.leafIsType = leafIsType;
    }

    /**
     * @param leafIsType true for an allocation profile, whose top frame is the allocated type rather than code
     */
    static ExecutionProfile read(Path collapsed, boolean leafIsType) throws IOException {
        ExecutionProfile profile = new ExecutionProfile(leafIsType);
        try (Stream<String> lines = Files.lines(collapsed)) {
            lines.filter(line -> line.indexOf(' ') > 0).forEach(profile::add);
        }
        return profile;
    }

    private void add(String line) {
        int space = line.lastIndexOf(' ');
        long weight = Long.parseLong(line.substring(space + 1).trim());
        String[] rootFirst = line.substring(0, space).split(";");
        List<Frame> frames = new ArrayList<>(rootFirst.length);
        for (int i = rootFirst.length - 1; i >= 0; i--) {
            frames.add(Frame.of(rootFirst[i]));
        }
        total += weight;
        Frame leaf = frames.get(0);
        if (leafIsType) {
            // the allocated type; async-profiler marks it _[i] inside a TLAB and _[k] outside one
            byLeaf.merge(leaf.name().replace('/', '.'), weight, Long::sum);
        } else {
            if (leaf.kind() == 'k') {
                inKernel += weight;
            }
            byLeaf.merge(leaf.display(), weight, Long::sum);
            frames.stream().filter(Frame::isJava).findFirst()
                    .ifPresent(java -> byTopJavaFrame.merge(java.name(), weight, Long::sum));
        }
        List<Frame> code = leafIsType ? frames.subList(1, frames.size()) : frames;
        byComponent.merge(component(code), weight, Long::sum);
        STAGES.stream()
                .filter(stage -> code.stream().anyMatch(frame -> frame.name().equals(stage.getKey())))
                .forEach(stage -> byStage.merge(stage.getValue(), weight, Long::sum));
    }

    private static String component(List<Frame> topFirst) {
        Frame topJava = null;
        for (Frame frame : topFirst) {
            if (!frame.isJava()) {
                continue;
            }
            if (!frame.isJdk()) {
                return COMPONENTS.stream()
                        .filter(c -> frame.name().startsWith(c.getKey()))
                        .map(Map.Entry::getValue)
                        .findFirst()
                        .orElse(frame.name().replaceAll("^((?:[^.]+\\.){1,3}).*", "$1*"));
            }
            if (topJava == null) {
                topJava = frame;
            }
        }
        if (topJava != null) {
            String name = topJava.name();
            return "JDK only (" + name.substring(0, Math.max(0, name.lastIndexOf('.'))) + ")";
        }
        // no Java frame at all: one of the JVM's own threads
        String stack = String.join(";", topFirst.stream().map(Frame::name).toList());
        if (stack.contains("CompileBroker") || stack.contains("Compiler")) {
            return "JIT compiler (JVM)";
        }
        if (stack.contains("G1") || stack.contains("GC") || stack.contains("Gang") || stack.contains("WorkerThread")) {
            return "garbage collector (JVM)";
        }
        return "JVM, other native code";
    }

    /**
     * One frame of a collapsed stack with its annotation: {@code _[j]} JIT-compiled, {@code _[i]} inlined,
     * {@code _[0]} interpreted, {@code _[1]} C1-compiled Java; {@code _[k]} kernel; none for native code.
     */
    private record Frame(String name, char kind) {

        static Frame of(String raw) {
            if (raw.endsWith("]") && raw.length() > 4 && raw.charAt(raw.length() - 4) == '_'
                    && raw.charAt(raw.length() - 3) == '[') {
                char kind = raw.charAt(raw.length() - 2);
                String name = raw.substring(0, raw.length() - 4);
                return new Frame(kind == 'k' ? name : name.replace('/', '.'), kind);
            }
            return new Frame(raw, 'n');
        }

        boolean isJava() {
            return kind == 'j' || kind == 'i' || kind == '0' || kind == '1';
        }

        boolean isJdk() {
            return name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.")
                    || name.startsWith("sun.") || name.startsWith("com.sun.");
        }

        String display() {
            String shown = name.length() > 90 ? name.substring(0, 87) + "..." : name;
            return kind == 'k' ? shown + " (kernel)" : isJava() ? shown : shown + " (native)";
        }
    }

    /** Samples (CPU) or bytes (allocation) in all. */
    public long total() {
        return total;
    }

    /** Of the total, what was on top of the stack in the kernel (system calls, page faults...). */
    public long inKernel() {
        return inKernel;
    }

    public Map<String, Long> byComponent() {
        return byComponent;
    }

    /** With each request-path stage on the stack (a stack may count for several). */
    public Map<String, Long> byStage() {
        return byStage;
    }

    /** By the top frame: the method running (CPU, self time) or the allocated type (allocation). */
    public Map<String, Long> byLeaf() {
        return byLeaf;
    }

    /** CPU only: by the topmost Java frame, i.e. the Java method running or calling into native code or the kernel. */
    public Map<String, Long> byTopJavaFrame() {
        return byTopJavaFrame;
    }
}
