package io.webhookrouter.vonage.media;

/**
 * One piece of media an inbound event links to.
 *
 * @param index its place in the event, from 0: keeps the stored names of two items apart
 * @param url   where Vonage keeps it (for a limited time)
 * @param name  the file name the sender gave, or null
 */
public record MediaItem(int index, String url, String name) {
}
