package io.webhookrouter.vonage.media;

/** What a download wrote: the answer's content type (or null), the size and the lowercase hex SHA-256 of the bytes. */
record Downloaded(String contentType, long size, String sha256) {
}
