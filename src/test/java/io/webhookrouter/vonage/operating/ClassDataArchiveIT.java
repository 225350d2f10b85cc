package io.webhookrouter.vonage.operating;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The build leaves a class data archive beside the runnable jar, and the README starts the router with it: it must
 * be one that this JVM maps for this jar (with {@code -Xshare:on} a JVM that cannot use it refuses to start), or the
 * router would start at the speed of a JVM without it, and nothing would say so but a warning line.
 */
class ClassDataArchiveIT {

    /** As the README names them, from the project root (the tests' working directory): the JVM checks the name too. */
    private static final String JAR = "target/vonage-webhook-router.jar";
    private static final String ARCHIVE = "target/vonage-webhook-router.jsa";

    @Test
    void theJvmThatBuiltTheJarMapsTheClassDataArchiveMadeForIt() throws Exception {
        Process java = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:on", "-XX:SharedArchiveFile=" + ARCHIVE, "-jar", JAR, "--help"))
                .redirectErrorStream(true)
                .start();
        String output = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(java.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(java.exitValue()).as(output).isZero();
        assertThat(output).contains("usage: java -jar vonage-webhook-router.jar").doesNotContain("shared archive");
    }
}
