package io.webhookrouter.vonage.media;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;

import org.apache.hc.core5.ssl.SSLContexts;

/**
 * Self-signed certificates for the tests' HTTPS media servers, made with the JDK's own keytool (no test library
 * needed), and a trust store that trusts them: what the JDK's default trust store does for Vonage's real one.
 */
public final class TestCertificates {

    public static final String PASSWORD = "test-only";

    private TestCertificates() {
    }

    /**
     * A PKCS12 key store with a key and its self-signed certificate.
     *
     * @param subjectAlternativeNames keytool's form, e.g. {@code dns:localhost,ip:127.0.0.1}
     */
    public static Path keyStore(Path directory, String name, String subjectAlternativeNames) throws Exception {
        Path keyStore = directory.resolve(name + ".p12");
        keytool("-genkeypair", "-alias", name, "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=" + name, "-ext", "SAN=" + subjectAlternativeNames,
                "-storetype", "PKCS12", "-keystore", keyStore.toString(), "-storepass", PASSWORD);
        return keyStore;
    }

    /** A PKCS12 trust store with the certificates of the key stores (each made by {@link #keyStore}). */
    public static Path trustStore(Path directory, Path... keyStores) throws Exception {
        Path trustStore = directory.resolve("trust.p12");
        for (Path keyStore : keyStores) {
            String alias = keyStore.getFileName().toString().replace(".p12", "");
            Path certificate = directory.resolve(alias + ".cer");
            keytool("-exportcert", "-alias", alias, "-keystore", keyStore.toString(), "-storepass", PASSWORD,
                    "-file", certificate.toString());
            keytool("-importcert", "-noprompt", "-alias", alias, "-file", certificate.toString(),
                    "-storetype", "PKCS12", "-keystore", trustStore.toString(), "-storepass", PASSWORD);
        }
        return trustStore;
    }

    public static SSLContext server(Path keyStore) throws Exception {
        return SSLContexts.custom().loadKeyMaterial(keyStore.toFile(), PASSWORD.toCharArray(), PASSWORD.toCharArray())
                .build();
    }

    public static SSLContext client(Path trustStore) throws Exception {
        return SSLContexts.custom().loadTrustMaterial(trustStore.toFile(), PASSWORD.toCharArray()).build();
    }

    /** The JVM options that make a router process trust the trust store instead of the JDK's default one. */
    public static String trustStoreOptions(Path trustStore) {
        return "-Djavax.net.ssl.trustStore=" + trustStore + " -Djavax.net.ssl.trustStorePassword=" + PASSWORD
                + " -Djavax.net.ssl.trustStoreType=PKCS12";
    }

    private static void keytool(String... arguments) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
            throw new IOException("keytool " + String.join(" ", arguments) + " failed: " + output);
        }
    }
}
