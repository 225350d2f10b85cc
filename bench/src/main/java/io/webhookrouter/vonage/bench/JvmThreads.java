package io.webhookrouter.vonage.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;

/**
 * Thread dumps of another JVM on this machine, through the attach API and that JVM's own local JMX agent: one
 * connection, then each dump is a single call (a {@code jcmd} per dump starts a JVM each time and is far slower).
 */
final class JvmThreads implements AutoCloseable {

    private static final int MAX_DEPTH = 128;

    private final JMXConnector connector;
    private final ThreadMXBean threads;

    JvmThreads(long pid) throws IOException {
        VirtualMachine vm;
        try {
            vm = VirtualMachine.attach(String.valueOf(pid));
        } catch (AttachNotSupportedException e) {
            throw new IOException("cannot attach to " + pid, e);
        }
        try {
            connector = JMXConnectorFactory.connect(new JMXServiceURL(vm.startLocalManagementAgent()));
        } finally {
            vm.detach();
        }
        threads = ManagementFactory.newPlatformMXBeanProxy(connector.getMBeanServerConnection(),
                ManagementFactory.THREAD_MXBEAN_NAME, ThreadMXBean.class);
    }

    /** Every thread with its whole stack: a heavy call (hundreds of threads), for an occasional look. */
    List<ThreadStack> all() {
        return Arrays.stream(threads.dumpAllThreads(false, false)).map(JvmThreads::stackOf).toList();
    }

    /** Only the RUNNABLE threads, with their stacks: cheap enough to take many times a second. */
    List<ThreadStack> runnable() {
        long[] runnable = Arrays.stream(threads.getThreadInfo(threads.getAllThreadIds(), 0))
                .filter(thread -> thread != null && thread.getThreadState() == Thread.State.RUNNABLE)
                .mapToLong(ThreadInfo::getThreadId)
                .toArray();
        return Arrays.stream(threads.getThreadInfo(runnable, MAX_DEPTH))
                .filter(Objects::nonNull)
                .map(JvmThreads::stackOf)
                .toList();
    }

    private static ThreadStack stackOf(ThreadInfo thread) {
        StackTraceElement[] stack = thread.getStackTrace();
        return new ThreadStack(thread.getThreadName(), thread.getThreadState().toString(),
                Arrays.stream(stack).map(frame -> frame.getClassName() + "." + frame.getMethodName()).toList(),
                stack.length > 0 && stack[0].isNativeMethod());
    }

    @Override
    public void close() throws IOException {
        connector.close();
    }
}
