package io.webhookrouter.vonage.media;

/** One item as the manifest lists it. */
record StoredItem(String url, String file, String contentType, long size, String sha256) {
}
