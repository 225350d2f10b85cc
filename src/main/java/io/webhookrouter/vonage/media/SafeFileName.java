package io.webhookrouter.vonage.media;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * The name an item is stored under: {@code <index>-<name>}, the name being the sender's file name when given,
 * else the last segment of the URL's path. Both come from outside, so only a limited set of characters is kept:
 * no path separator, no leading dot, no {@code ..}, and a bounded length.
 */
public final class SafeFileName {

    static final int MAX_NAME_LENGTH = 100;
    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._-]+");
    private static final Pattern DOTS = Pattern.compile("\\.{2,}");
    private static final String FALLBACK = "media";

    private SafeFileName() {
    }

    public static String of(MediaItem item) {
        String given = item.name() != null && !item.name().isBlank() ? item.name() : lastPathSegment(item.url());
        return item.index() + "-" + clean(given);
    }

    static String clean(String name) {
        String cleaned = DOTS.matcher(UNSAFE.matcher(name).replaceAll("_")).replaceAll(".");
        cleaned = cleaned.replaceAll("^[._-]+", "");
        if (cleaned.length() > MAX_NAME_LENGTH) {
            // keep the end: it holds the extension
            cleaned = cleaned.substring(cleaned.length() - MAX_NAME_LENGTH).replaceAll("^[._-]+", "");
        }
        return cleaned.isEmpty() ? FALLBACK : cleaned;
    }

    private static String lastPathSegment(String url) {
        try {
            String path = URI.create(url).getPath();
            if (path == null) {
                return FALLBACK;
            }
            String[] segments = path.split("/");
            return segments.length == 0 ? FALLBACK : segments[segments.length - 1];
        } catch (IllegalArgumentException notAUri) {
            return FALLBACK;
        }
    }
}
