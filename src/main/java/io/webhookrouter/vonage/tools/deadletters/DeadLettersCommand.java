package io.webhookrouter.vonage.tools.deadletters;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

import io.webhookrouter.vonage.broker.VonageQueues;
import io.webhookrouter.vonage.tools.Arguments;
import io.webhookrouter.vonage.tools.OperatorTools;
import io.webhookrouter.vonage.tools.UsageError;

/** {@code dead-letters list|replay}: shows what the router parked, and moves dead letters back into routing. */
public final class DeadLettersCommand {

    public static final String NAME = "dead-letters";

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;

    public DeadLettersCommand(PrintStream out, PrintStream err, Map<String, String> env) {
        this.out = out;
        this.err = err;
        this.env = env;
    }

    public int run(List<String> args) throws UsageError {
        Arguments arguments = Arguments.parse(args, Set.of("queue", "broker", "user", "password"), Set.of("all"));
        if (arguments.flag("help")) {
            out.print(help());
            return OperatorTools.OK;
        }
        List<String> words = arguments.words();
        String action = words.isEmpty() ? "" : words.get(0);
        List<String> ids = words.stream().skip(1).map(DeadLettersCommand::withIdPrefix).toList();
        String queue = arguments.value("queue").orElse(VonageQueues.DEAD);
        switch (action) {
            case "list" -> {
                if (!ids.isEmpty() || arguments.flag("all")) {
                    throw new UsageError("list takes no message ids: it lists the whole queue");
                }
            }
            case "replay" -> checkReplay(queue, ids, arguments.flag("all"));
            default -> throw new UsageError("say what to do: dead-letters list, or dead-letters replay");
        }
        BrokerSettings broker = BrokerSettings.from(arguments, env);
        try (ActiveMQConnectionFactory factory = broker.connectionFactory();
             Connection connection = factory.createConnection()) {
            connection.start();
            return action.equals("list") ? list(connection, queue) : replay(connection, queue, ids);
        } catch (JMSException | RuntimeException e) {
            err.println("cannot use " + queue + " at " + broker.url() + ": " + e.getMessage());
            return OperatorTools.FAILED;
        }
    }

    private int list(Connection connection, String queue) throws JMSException {
        int count = new DeadLetterListing(connection).print(queue, out);
        out.println(count + " message" + (count == 1 ? "" : "s") + " in " + queue);
        return OperatorTools.OK;
    }

    private int replay(Connection connection, String queue, List<String> ids) throws JMSException {
        List<String> chosen = ids.isEmpty() ? new DeadLetterListing(connection).ids(queue) : ids;
        if (chosen.isEmpty()) {
            out.println(queue + " is empty: nothing to replay");
            return OperatorTools.OK;
        }
        DeadLetterReplay replay = new DeadLetterReplay(connection);
        int replayed = 0;
        for (String id : chosen) {
            ReplayOutcome outcome = replay.replay(queue, id);
            switch (outcome.result()) {
                case REPLAYED -> {
                    replayed++;
                    out.println("replayed  " + id + "  " + outcome.detail() + " -> " + VonageQueues.INGEST);
                }
                case NOT_FOUND -> out.println("not found " + id + "  not in " + queue
                        + " (already replayed, or not a message id of this queue)");
                case FAILED -> out.println("FAILED    " + id + "  " + outcome.detail() + "; it stays in " + queue);
            }
        }
        out.println("replayed " + replayed + " of " + chosen.size());
        return replayed == chosen.size() ? OperatorTools.OK : OperatorTools.FAILED;
    }

    private static void checkReplay(String queue, List<String> ids, boolean all) throws UsageError {
        if (queue.equals(VonageQueues.INVALID)) {
            throw new UsageError(VonageQueues.INVALID + " holds bodies the router could not parse; routing them again "
                    + "would fail again, so they are only listed");
        }
        if (all == !ids.isEmpty()) {
            throw new UsageError("replay takes either --all or the JMS message ids to replay");
        }
    }

    /** Accepts an id as listed ("ID:...") or without its prefix. */
    private static String withIdPrefix(String id) {
        return id.startsWith("ID:") ? id : "ID:" + id;
    }

    static String help() {
        return """
                Usage: java -jar vonage-webhook-router.jar dead-letters list   [options]
                       java -jar vonage-webhook-router.jar dead-letters replay (--all | <message-id>...) [options]

                list     prints one line per message parked in the queue, without taking it: its JMS message id,
                         event type (inbound/status), message_uuid/status, the delivery route that gave up, the
                         event's age (since the router received it) and the reason.
                replay   moves dead letters back into routing, each exactly once: in one JMS transaction per message
                         it takes the message from the queue and sends the event (same body, its Vonage* properties
                         and message group, without the VonageDead* ones) to vonage.ingest, then commits. A replay
                         that fails is rolled back and leaves the message where it was; running the same replay
                         twice replays nothing the second time. The routing rules then send the event to all its
                         destinations again (queue, archive, email), so fix the failing destination first.
                         vonage.invalid cannot be replayed: it holds bodies the router could not parse, which would
                         fail again. List them, and fix the sender.

                Options:
                  --queue Q        vonage.dead (default), or vonage.invalid (list only); list reads any queue
                  --broker URL     the broker (default: $BROKER_URL, or the embedded broker's listener
                                   tcp://127.0.0.1:$EMBEDDED_BROKER_PORT, port 61616 by default)
                  --user U         broker user (default: $BROKER_USER)
                  --password P     broker password (default: $BROKER_PASSWORD)
                  --all            replay: every message in the queue when the command starts
                  --help           this text

                Exit code: 0 when everything asked was done, 1 when a message was not found or a replay failed
                (or the broker could not be reached), 2 for a bad command line.

                Examples:
                  dead-letters list
                  dead-letters list --queue vonage.invalid
                  dead-letters replay ID:6c1e2d0a-8f4b-11ef-9a3e-0242ac120002
                  dead-letters replay --all --broker tcp://mq:61616 --user ops --password secret
                """;
    }
}
