package io.webhookrouter.vonage.media;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The hosts media may be downloaded from ({@code MEDIA_ALLOWED_HOSTS}): exact names, or {@code *.example.com}
 * for any name below example.com (not example.com itself). Only an exactly listed host may resolve to a private
 * address: a wildcard never opens the internal network.
 */
public final class HostAllowList {

    private final List<String> exact;
    private final List<String> suffixes;

    private HostAllowList(List<String> exact, List<String> suffixes) {
        this.exact = exact;
        this.suffixes = suffixes;
    }

    /** A comma-separated list; blanks are ignored, case does not matter. */
    public static HostAllowList parse(String hosts) {
        List<String> entries = Arrays.stream(hosts.split(","))
                .map(h -> h.trim().toLowerCase(Locale.ROOT))
                .filter(h -> !h.isEmpty())
                .toList();
        return new HostAllowList(
                entries.stream().filter(h -> !h.startsWith("*.")).toList(),
                entries.stream().filter(h -> h.startsWith("*.")).map(h -> h.substring(1)).toList());
    }

    public boolean allows(String host) {
        String name = normalise(host);
        return exact.contains(name) || suffixes.stream().anyMatch(name::endsWith);
    }

    /** Listed by its own name, not through a wildcard. */
    public boolean listsExactly(String host) {
        return exact.contains(normalise(host));
    }

    private static String normalise(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        // "api.nexmo.com." is the same host as "api.nexmo.com"
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    @Override
    public String toString() {
        return String.join(",", exact) + (suffixes.isEmpty() ? "" : "," + String.join(",", suffixes.stream()
                .map(s -> "*" + s).toList()));
    }
}
