package io.webhookrouter.vonage.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** The example payloads of the specification, kept in the test resources. */
public final class Samples {

    private static final String SAMPLE_UUID = "aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab";

    private Samples() {
    }

    public static String text(String name) {
        try (InputStream in = Samples.class.getResourceAsStream("/samples/" + name + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("no sample " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sample with a message_uuid of its own, so that de-duplication does not merge it with others. */
    public static String withUuid(String name, String uuid) {
        return text(name).replace(SAMPLE_UUID, uuid);
    }

    public static String fresh(String name) {
        return withUuid(name, UUID.randomUUID().toString());
    }
}
