package io.webhookrouter.vonage.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The router's own metrics ({@code GET /observe/metrics} on the management port), as Prometheus scrapes them. */
public final class RouterMetrics {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String text;

    private RouterMetrics(String text) {
        this.text = text;
    }

    /** Metrics text already scraped, e.g. by a test that runs the router in its own JVM. */
    public static RouterMetrics parse(String text) {
        return new RouterMetrics(text);
    }

    public static RouterMetrics of(RouterProcess router) throws IOException, InterruptedException {
        HttpRequest metrics = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + router.managementPort() + "/observe/metrics"))
                .timeout(Duration.ofSeconds(10))
                .build();
        return new RouterMetrics(HTTP.send(metrics, HttpResponse.BodyHandlers.ofString()).body());
    }

    /** The whole text, as scraped. */
    public String text() {
        return text;
    }

    /** The sum of the samples of that name whose labels contain all of these, e.g. {@code outcome="accepted"}. */
    public double value(String name, String... labels) {
        double total = 0;
        Pattern line = Pattern.compile("^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE);
        Matcher matcher = line.matcher(text);
        while (matcher.find()) {
            boolean matches = true;
            for (String label : labels) {
                matches &= matcher.group(1).contains(label);
            }
            if (matches) {
                total += Double.parseDouble(matcher.group(2));
            }
        }
        return total;
    }

    /**
     * The webhooks with that outcome ({@code accepted}, {@code unavailable}, ...) so far, and those of them the
     * router answered within the time, by its histogram {@code vonage_webhook_ack_seconds}: the time must be one of
     * its buckets (the service levels 1 s and 5 s are).
     */
    public AckCounts acks(String outcome, Duration within) {
        String bucket = "le=\"" + within.toMillis() / 1000.0 + "\"";
        return new AckCounts((long) value("vonage_webhook_ack_seconds_count", "outcome=\"" + outcome + "\""),
                (long) value("vonage_webhook_ack_seconds_bucket", "outcome=\"" + outcome + "\"", bucket));
    }

    /** Counts of the ack-time histogram; the difference of two is what happened in between. */
    public record AckCounts(long answered, long answeredInTime) {

        public AckCounts since(AckCounts earlier) {
            return new AckCounts(answered - earlier.answered, answeredInTime - earlier.answeredInTime);
        }
    }
}
