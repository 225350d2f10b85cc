package io.webhookrouter.vonage.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One row of a hostile-input corpus ({@code src/test/resources/hostile/cases.csv}): what to send and what the
 * router must answer. The token and body columns name shapes that {@link HostileTokens} and {@link HostileBodies}
 * build; the content type column holds the header's value, empty for none, {@code |} between several.
 */
public record HostileCase(String name, String path, String method, List<String> contentTypes, String authorization,
                          String body, int status, Stored stored) {

    /** What the router must have done with the event afterwards. */
    public enum Stored {
        /** verified and valid: in its routed queue */
        ROUTED,
        /** verified but not a valid event: parked in {@code vonage.invalid}, byte for byte */
        PARKED,
        /** rejected: nowhere */
        NOTHING
    }

    private static final String HEADER = "name,path,method,content_type,authorization,body,status,stored";

    /** The rows of a corpus on the test class path; blank lines and lines starting with {@code #} are comments. */
    public static List<HostileCase> load(String resource) {
        List<HostileCase> cases = new ArrayList<>();
        List<String> lines = lines(resource);
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            throw new IllegalArgumentException(resource + " must start with the header " + HEADER);
        }
        for (String line : lines.subList(1, lines.size())) {
            if (!line.isBlank() && !line.startsWith("#")) {
                cases.add(parse(line));
            }
        }
        return cases;
    }

    private static HostileCase parse(String line) {
        String[] fields = line.split(",", -1);
        if (fields.length != 8) {
            throw new IllegalArgumentException("expected 8 fields in: " + line);
        }
        List<String> contentTypes = fields[3].isEmpty() ? List.of() : Arrays.asList(fields[3].split("\\|"));
        return new HostileCase(fields[0], fields[1], fields[2], contentTypes, fields[4], fields[5],
                Integer.parseInt(fields[6]), Stored.valueOf(fields[7].toUpperCase(Locale.ROOT)));
    }

    private static List<String> lines(String resource) {
        try (InputStream in = HostileCase.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
