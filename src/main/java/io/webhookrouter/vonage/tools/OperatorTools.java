package io.webhookrouter.vonage.tools;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

import io.webhookrouter.vonage.tools.deadletters.DeadLettersCommand;
import io.webhookrouter.vonage.tools.simulator.SimulateCommand;

/**
 * The operator tools that ship in the router's jar: {@code java -jar vonage-webhook-router.jar simulate ...} and
 * {@code ... dead-letters ...}. They run instead of the router, never beside it.
 */
public final class OperatorTools {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    /** Runs the router itself; also what an empty command line does. */
    public static final String RUN = "run";
    private static final List<String> COMMANDS = List.of(SimulateCommand.NAME, DeadLettersCommand.NAME);
    private static final List<String> HELP = List.of("--help", "-help", "-h", "help");
    private static final String USAGE_TEXT = """
            Vonage Webhook Router: receives Vonage's Inbound Message and Message Status webhooks, verifies their
            signature, stores each event in ActiveMQ Artemis before answering 200, and routes it by the route files.

            usage: java -jar vonage-webhook-router.jar [command] [options]

            commands:
              run             run the router (the default): config/application.properties and routes/ are read
                              from the current directory; settings also come from environment variables
                              (VONAGE_SIGNATURE_SECRET is required)
              simulate        send a webhook signed as Vonage signs it, or forged ones (simulate --help)
              dead-letters    list the events parked in vonage.dead, or replay them (dead-letters --help)
              --help          this text

            README.md and docs/ tell how to run, configure, route and operate the router.
            """;

    private OperatorTools() {
    }

    /** True when the command line names a tool rather than asking for the router. */
    public static boolean handles(String... args) {
        return args.length > 0 && (COMMANDS.contains(args[0]) || HELP.contains(args[0]));
    }

    /** Runs the tool the first argument names; returns the process exit code. */
    public static int run(String... args) {
        // the broker client's start-up chatter is not for a command-line user
        Configurator.setRootLevel(Level.WARN);
        return run(Arrays.asList(args), System.out, System.err, System.getenv());
    }

    public static int run(List<String> args, PrintStream out, PrintStream err, Map<String, String> env) {
        String command = args.get(0);
        if (HELP.contains(command)) {
            out.print(USAGE_TEXT);
            return OK;
        }
        List<String> rest = args.subList(1, args.size());
        try {
            return switch (command) {
                case SimulateCommand.NAME -> new SimulateCommand(out, err, env).run(rest);
                case DeadLettersCommand.NAME -> new DeadLettersCommand(out, err, env).run(rest);
                default -> throw new UsageError("unknown tool " + command + "; the tools are " + COMMANDS);
            };
        } catch (UsageError e) {
            err.println(command + ": " + e.getMessage());
            err.println("see: java -jar vonage-webhook-router.jar " + command + " --help");
            return USAGE;
        }
    }
}
