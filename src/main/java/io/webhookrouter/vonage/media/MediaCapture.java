package io.webhookrouter.vonage.media;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

import io.webhookrouter.vonage.ingest.EventProperties;

/**
 * The {@code mediaCapture} bean of the route files: {@link #isWanted} picks the inbound events that link to media
 * (routing.camel.yaml puts them in vonage.outbox.media), {@link #capture} stores their media and replaces the
 * message by the manifest (delivery.camel.yaml sends it to vonage.media, in the transaction that takes the event
 * off the outbox).
 */
public final class MediaCapture {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final boolean enabled;
    private final MediaStore store;
    private final MediaDownloader downloader;
    private final Duration retryFor;
    private final MediaMetrics metrics;
    private final Clock clock;

    MediaCapture(boolean enabled, MediaStore store, MediaDownloader downloader, Duration retryFor,
                 MediaMetrics metrics, Clock clock) {
        this.enabled = enabled;
        this.store = store;
        this.downloader = downloader;
        this.retryFor = retryFor;
        this.metrics = metrics;
        this.clock = clock;
    }

    public boolean isEnabled() {
        return enabled;
    }

    /** Capture is on and the event links to media. */
    public boolean isWanted(@Body String body) {
        if (!enabled || body == null) {
            return false;
        }
        try {
            return !MediaItems.in(JSON.readTree(body)).isEmpty();
        } catch (IOException notJson) {
            // routing only sees events that parsed already; nothing to capture in anything else
            return false;
        }
    }

    /**
     * Downloads every item into the event's directory, then writes the manifest and makes it the message's body,
     * keeping only the event's Vonage* headers, and giving it the event's message group again (the outbox's deliverer
     * took it off with the broker's headers). Throws to have the broker retry, or a {@link MediaRefused} to
     * dead-letter the event at once.
     */
    public void capture(Exchange exchange) throws IOException {
        Message message = exchange.getMessage();
        String channel = message.getHeader(EventProperties.CHANNEL, String.class);
        try {
            byte[] manifest = store(message);
            message.removeHeaders("*", EventProperties.PREFIX + "*");
            message.setHeader(EventProperties.GROUP_ID, message.getHeader(EventProperties.MESSAGE_UUID));
            message.setBody(new String(manifest, StandardCharsets.UTF_8));
        } catch (MediaRefused refused) {
            metrics.failed(channel, "refused");
            throw refused;
        } catch (IOException | RuntimeException failed) {
            metrics.failed(channel, "retried");
            throw failed;
        }
    }

    private byte[] store(Message message) throws IOException {
        String uuid = message.getHeader(EventProperties.MESSAGE_UUID, String.class);
        String channel = message.getHeader(EventProperties.CHANNEL, String.class);
        String receivedAt = message.getHeader(EventProperties.RECEIVED_AT, String.class);
        refuseExpired(uuid, receivedAt);
        List<MediaItem> items = MediaItems.in(JSON.readTree(message.getBody(String.class)));
        // the day it was received, UTC, as the archive dates it (ArchivePaths)
        Path directory = store.prepare(receivedAt.substring(0, 10), uuid);
        List<StoredItem> stored = new ArrayList<>();
        long bytes = 0;
        for (MediaItem item : items) {
            String file = SafeFileName.of(item);
            Downloaded downloaded = store.write(directory, file, out -> downloader.download(item.url(), out));
            stored.add(new StoredItem(item.url(), file, downloaded.contentType(), downloaded.size(),
                    downloaded.sha256()));
            bytes += downloaded.size();
        }
        byte[] manifest = Manifest.json(uuid, channel, receivedAt, store.relative(directory), stored);
        store.write(directory, Manifest.FILE_NAME, out -> {
            out.write(manifest);
            return null;
        });
        metrics.captured(channel, stored.size(), bytes);
        return manifest;
    }

    /** Vonage keeps media for a limited time: past it, retrying can only fail. */
    private void refuseExpired(String uuid, String receivedAt) throws MediaRefused {
        Instant received;
        try {
            received = Instant.parse(receivedAt);
        } catch (DateTimeParseException | NullPointerException e) {
            throw new MediaRefused("event " + uuid + " has no VonageReceivedAt to date its media by");
        }
        if (clock.instant().isAfter(received.plus(retryFor))) {
            throw new MediaRefused("media links of event " + uuid + " received at " + receivedAt
                    + " are past MEDIA_RETRY_FOR_SECONDS (" + retryFor.toSeconds() + " s)");
        }
    }
}
