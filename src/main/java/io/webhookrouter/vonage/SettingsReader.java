package io.webhookrouter.vonage;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads one setting at a time from the properties and checks its form. A bad value stops start-up with a
 * {@link MissingSetting} naming the environment variable an operator sets (and the property an application sets),
 * never with a conversion stack trace.
 */
final class SettingsReader {

    private final Function<String, Optional<String>> properties;

    /** @param properties a property's value, its placeholders resolved; empty when no source has it */
    SettingsReader(Function<String, Optional<String>> properties) {
        this.properties = properties;
    }

    String text(String key) {
        return optional(key).orElseThrow(() -> new MissingSetting(name(key) + " is not set"));
    }

    Optional<String> optional(String key) {
        return properties.apply(key);
    }

    boolean flag(String key) {
        String value = text(key).trim().toLowerCase(Locale.ROOT);
        if (!value.equals("true") && !value.equals("false")) {
            throw invalid(key, "true or false", text(key));
        }
        return Boolean.parseBoolean(value);
    }

    int wholeNumber(String key, int min, int max) {
        return (int) parseWhole(key, text(key), min, max);
    }

    int wholeNumber(String key, int min) {
        return wholeNumber(key, min, Integer.MAX_VALUE);
    }

    /** A whole number that need not be set: Camel's own settings, whose defaults are Camel's. */
    int wholeNumberOr(String key, int min, int max, int unset) {
        return optional(key).map(value -> (int) parseWhole(key, value, min, max)).orElse(unset);
    }

    long longNumber(String key, long min) {
        return parseWhole(key, text(key), min, Long.MAX_VALUE);
    }

    double decimal(String key, double min) {
        String value = text(key);
        try {
            double number = Double.parseDouble(value.trim());
            if (number >= min && Double.isFinite(number)) {
                return number;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw invalid(key, "a number of at least " + format(min), value);
    }

    Duration millis(String key, long min) {
        return Duration.ofMillis(longNumber(key, min));
    }

    Duration seconds(String key, long min) {
        return Duration.ofSeconds(longNumber(key, min));
    }

    /** The error for a value of the right form that does not fit with another setting's. */
    MissingSetting invalid(String key, String why) {
        return new MissingSetting(name(key) + " " + why);
    }

    private long parseWhole(String key, String value, long min, long max) {
        try {
            long number = Long.parseLong(value.trim());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        String range = max == Integer.MAX_VALUE || max == Long.MAX_VALUE
                ? "a whole number of at least " + min
                : "a whole number from " + min + " to " + max;
        throw invalid(key, range, value);
    }

    private MissingSetting invalid(String key, String expected, String value) {
        return new MissingSetting(name(key) + " must be " + expected + ", got '" + value + "'");
    }

    /** How an operator knows the setting: its environment variable, and the property an application sets. */
    String name(String key) {
        String variable = RouterDefaults.variableOf(key);
        return variable == null ? key : variable + " (" + key + ")";
    }

    private static String format(double number) {
        return number == Math.rint(number) ? String.valueOf((long) number) : String.valueOf(number);
    }
}
