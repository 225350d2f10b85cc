package io.webhookrouter.vonage.bench;

import java.util.List;

/**
 * One thread of a thread dump: its name, state and frames ("class.method", top first).
 *
 * @param inNative whether the top frame is a native method
 */
record ThreadStack(String name, String state, List<String> frames, boolean inNative) {

    /**
     * Running Java code at the moment of the dump, as far as a dump can tell (a safepoint-biased sample). A RUNNABLE
     * thread in a native method is nearly always blocked in a system call (epoll, a socket read, fsync).
     */
    boolean onCpu() {
        return "RUNNABLE".equals(state) && !frames.isEmpty() && !inNative;
    }

    static boolean isJdk(String frame) {
        return frame.startsWith("java.") || frame.startsWith("javax.") || frame.startsWith("jdk.")
                || frame.startsWith("sun.") || frame.startsWith("com.sun.");
    }
}
