package io.webhookrouter.vonage.routing;

import java.util.regex.Pattern;

import org.apache.camel.Header;

import io.webhookrouter.vonage.ingest.EventProperties;

/**
 * The archive file of an event, relative to the archive directory (docs/routing.md):
 * {@code <inbound|status>/<yyyy-MM-dd>/<message_uuid>[-<status>].json}, dated by the day it was received (UTC).
 */
public final class ArchivePaths {

    // names that come from the payload must not be able to leave the archive directory
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

    public String fileName(@Header(EventProperties.EVENT_TYPE) String eventType,
                           @Header(EventProperties.RECEIVED_AT) String receivedAt,
                           @Header(EventProperties.MESSAGE_UUID) String messageUuid,
                           @Header(EventProperties.STATUS) String status) {
        String name = status == null ? messageUuid : messageUuid + "-" + status;
        return safe(eventType) + "/" + receivedAt.substring(0, 10) + "/" + safe(name) + ".json";
    }

    private static String safe(String name) {
        if (name == null || !SAFE_NAME.matcher(name).matches() || name.startsWith(".")) {
            throw new IllegalArgumentException("not a safe archive file name: " + name);
        }
        return name;
    }
}
