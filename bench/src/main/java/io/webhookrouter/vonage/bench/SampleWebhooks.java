package io.webhookrouter.vonage.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The specification's example payloads that the harness signs, copied from the router's test resources into
 * bench/src/main/resources/samples so that the harness does not depend on the test sources.
 */
final class SampleWebhooks {

    /** The message_uuid that every sample carries, replaced to make each event distinct. */
    private static final String SAMPLE_UUID = "aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab";

    private SampleWebhooks() {
    }

    /** The sample {@code name} with {@code uuid} as its message_uuid. */
    static String withUuid(String name, String uuid) {
        try (InputStream in = SampleWebhooks.class.getResourceAsStream("/samples/" + name + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("no sample " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace(SAMPLE_UUID, uuid);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
