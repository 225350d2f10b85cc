package io.webhookrouter.vonage.support;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An operator tool of the packaged jar ({@code java -jar target/vonage-webhook-router.jar simulate ...}) run in a
 * process of its own, as an operator runs it, with only the environment the test gives it.
 */
public final class ToolProcess {

    private static final long TIMEOUT_SECONDS = 60;
    private static final Pattern MESSAGE_UUID = Pattern.compile("(?m)^message_uuid (\\S+)$");
    /** What the tools read from the environment; a test states each one it needs. */
    private static final List<String> TOOL_VARIABLES = List.of("VONAGE_SIGNATURE_SECRET", "VONAGE_API_KEY",
            "VONAGE_APPLICATION_ID", "CAMEL_SERVER_PORT", "BROKER_URL", "BROKER_USER", "BROKER_PASSWORD",
            "EMBEDDED_BROKER_PORT");

    private ToolProcess() {
    }

    /** Runs the tool to its end; stdout and stderr together. */
    public static Result run(Map<String, String> environment, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // a tool runs for a second or two: the JIT's first tier is all it needs, and it starts faster
                "-XX:TieredStopAtLevel=1", "-jar", RouterProcess.JAR.toString()));
        command.addAll(List.of(args));
        Path output = Files.createTempFile("tool-", ".out");
        try {
            ProcessBuilder builder = new ProcessBuilder(command)
                    // where the router runs too: a tool reads nothing there today, and a test should not notice if one did
                    .directory(RouterHome.DIR.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            TOOL_VARIABLES.forEach(builder.environment()::remove);
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", args) + " did not end within " + TIMEOUT_SECONDS + " s:\n"
                        + Files.readString(output));
            }
            return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    public record Result(int exitCode, String output) {

        /** The message_uuid lines the simulator prints, in order. */
        public List<String> messageUuids() {
            List<String> uuids = new ArrayList<>();
            Matcher matcher = MESSAGE_UUID.matcher(output);
            while (matcher.find()) {
                uuids.add(matcher.group(1));
            }
            return uuids;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + ":\n" + output;
        }
    }
}
