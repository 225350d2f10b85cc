package io.webhookrouter.vonage.tools;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The command line of an operator tool: words, {@code --option value} (or {@code --option=value}) and
 * {@code --flag}. Each tool names the options it knows, so that a typo is an error rather than ignored.
 */
public final class Arguments {

    private final List<String> words = new ArrayList<>();
    private final Map<String, String> values = new HashMap<>();
    private final Set<String> flags = new HashSet<>();

    private Arguments() {
    }

    /**
     * @param valued    names of the options that take a value, without the leading dashes
     * @param flagNames names of the options that stand alone; {@code help} is always known
     */
    public static Arguments parse(List<String> args, Set<String> valued, Set<String> flagNames) throws UsageError {
        Arguments parsed = new Arguments();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("-h") || arg.equals("--help")) {
                parsed.flags.add("help");
            } else if (arg.startsWith("--")) {
                String name = arg.substring(2);
                String value = null;
                int equals = name.indexOf('=');
                if (equals >= 0) {
                    value = name.substring(equals + 1);
                    name = name.substring(0, equals);
                }
                if (flagNames.contains(name) && value == null) {
                    parsed.flags.add(name);
                } else if (valued.contains(name)) {
                    if (value == null) {
                        if (i + 1 >= args.size()) {
                            throw new UsageError("--" + name + " needs a value");
                        }
                        value = args.get(++i);
                    }
                    parsed.values.put(name, value);
                } else {
                    throw new UsageError("unknown option --" + name);
                }
            } else {
                parsed.words.add(arg);
            }
        }
        return parsed;
    }

    /** The arguments that are not options, in order. */
    public List<String> words() {
        return words;
    }

    public Optional<String> value(String option) {
        return Optional.ofNullable(values.get(option));
    }

    public boolean has(String option) {
        return values.containsKey(option) || flags.contains(option);
    }

    public boolean flag(String flag) {
        return flags.contains(flag);
    }
}
