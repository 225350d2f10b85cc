package io.webhookrouter.vonage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * The configuration table of docs/configuration.md says what the router really reads: every environment variable,
 * with its property and its default, and nothing that is not one.
 */
class ConfigurationTableTest {

    private static final Path TABLE = Path.of("docs/configuration.md");
    /** Camel's settings of the standalone router, each overridable value {@code {{env:VARIABLE:default}}}. */
    private static final String STANDALONE = "vonage-webhook-router/standalone.properties";
    private static final Pattern CAMEL_ENV = Pattern.compile("\\{\\{env:([A-Z][A-Z0-9_]*):(.*)}}");
    private static final Pattern LOG4J_ENV = Pattern.compile("\\$\\{env:([A-Z][A-Z0-9_]*):-([^}]*)}");

    /** What one environment variable sets. */
    private record Variable(Set<String> properties, String defaultValue) {
    }

    @Test
    void everySettingIsInTheTableWithItsPropertyAndDefault() throws IOException {
        Map<String, Variable> documented = table();

        settings().forEach((variable, read) ->
                assertThat(documented.get(variable)).as("the row of %s in %s", variable, TABLE).isEqualTo(read));
    }

    @Test
    void everyRowOfTheTableIsASetting() throws IOException {
        assertThat(settings().keySet()).as("variables of %s", TABLE).containsAll(table().keySet());
    }

    /** What the router reads: its own settings, Camel's that the standalone router exposes, the log format. */
    private static Map<String, Variable> settings() throws IOException {
        Map<String, Variable> settings = new TreeMap<>();
        RouterDefaults.settings().values().forEach(setting ->
                settings.put(setting.variable(), new Variable(Set.of(setting.key()), setting.defaultValue())));
        Properties standalone = load(new InputStreamReader(
                RouterDefaults.class.getClassLoader().getResourceAsStream(STANDALONE), StandardCharsets.UTF_8));
        for (String key : standalone.stringPropertyNames()) {
            Matcher placeholder = CAMEL_ENV.matcher(standalone.getProperty(key));
            if (placeholder.matches()) {
                // TLS_ENABLED sets two properties
                settings.merge(placeholder.group(1), new Variable(Set.of(key), placeholder.group(2)),
                        (one, other) -> new Variable(union(one.properties(), other.properties()), one.defaultValue()));
            }
        }
        try (InputStream in = RouterDefaults.class.getClassLoader().getResourceAsStream("log4j2.properties")) {
            Matcher placeholder = LOG4J_ENV.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            while (placeholder.find()) {
                settings.put(placeholder.group(1), new Variable(Set.of(), placeholder.group(2)));
            }
        }
        return settings;
    }

    /** The rows {@code | `VARIABLE` | `property`, ... | `default` or unset/none... | meaning |}. */
    private static Map<String, Variable> table() throws IOException {
        Map<String, Variable> rows = new TreeMap<>();
        for (String line : Files.readAllLines(TABLE)) {
            if (!line.startsWith("| `")) {
                continue;
            }
            String[] cells = line.split("\\|");
            String variable = unquote(cells[1]);
            Set<String> properties = Arrays.stream(cells[2].split(","))
                    .map(ConfigurationTableTest::unquote).filter(name -> !name.isEmpty())
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(rows.put(variable, new Variable(properties, defaultOf(cells[3].trim()))))
                    .as("a second row for %s", variable).isNull();
        }
        assertThat(rows).as("rows of %s", TABLE).isNotEmpty();
        return rows;
    }

    /** {@code `8080`} or {@code `90000` (25 h)}: the quoted value; a default that is no value says so in words. */
    private static String defaultOf(String cell) {
        if (cell.startsWith("`")) {
            return cell.substring(1, cell.indexOf('`', 1));
        }
        assertThat(cell.startsWith("unset") || cell.startsWith("none"))
                .as("a default that is not a quoted value says unset or none: %s", cell).isTrue();
        return "";
    }

    private static String unquote(String cell) {
        return cell.trim().replace("`", "");
    }

    private static Set<String> union(Set<String> one, Set<String> other) {
        Set<String> union = new TreeSet<>(one);
        union.addAll(other);
        return union;
    }

    private static Properties load(Reader reader) throws IOException {
        try (reader) {
            Properties properties = new Properties();
            properties.load(reader);
            return properties;
        }
    }
}
