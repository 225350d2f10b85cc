package io.webhookrouter.vonage.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a JVM's threads are, from a few {@code jcmd Thread.print} dumps: threads counted by pool, state and the
 * first frame outside the JDK (what they are running or waiting in), averaged over the dumps.
 */
public final class ThreadDumpSummary {

    private final Map<String, Long> threadsByPlace = new HashMap<>();
    private int dumps;

    public void add(String threadDump) {
        dumps++;
        for (String block : threadDump.split("\\n\\s*\\n")) {
            String[] lines = block.strip().split("\\n");
            if (lines.length < 2 || !lines[0].startsWith("\"")) {
                continue;
            }
            String pool = ThreadGroups.poolOf(lines[0].substring(1, lines[0].indexOf('"', 1)));
            String state = "?";
            String place = null;
            String topFrame = null;
            for (String line : List.of(lines).subList(1, lines.length)) {
                String text = line.strip();
                if (text.startsWith("java.lang.Thread.State:")) {
                    state = text.substring("java.lang.Thread.State:".length()).strip();
                } else if (text.startsWith("at ")) {
                    String frame = text.substring(3).replaceAll("\\(.*", "");
                    topFrame = topFrame == null ? frame : topFrame;
                    if (place == null && !isJdk(frame)) {
                        place = frame;
                    }
                }
            }
            if (topFrame != null) {
                String where = place == null ? topFrame : place;
                threadsByPlace.merge(pool + " | " + state + " | " + where, 1L, Long::sum);
            }
        }
    }

    private static boolean isJdk(String frame) {
        return frame.startsWith("java.") || frame.startsWith("jdk.") || frame.startsWith("sun.");
    }

    public int dumps() {
        return dumps;
    }

    /** Thread count summed over all dumps, by "pool | state | where". */
    public Map<String, Long> threadsByPlace() {
        return threadsByPlace;
    }
}
