package io.webhookrouter.vonage.bench;

/**
 * Who used the machine's CPU during a phase: the target, the load generator (this JVM), and everything else,
 * which on a shared machine is other people's work competing with the measurement.
 */
public record CpuAccount(long targetNanos, long loadGeneratorNanos, long otherNanos, long elapsedNanos) {

    /** Take one at the start of a phase and call {@link #since} at its end. */
    public static CpuAccount start(long targetPid) {
        return new CpuAccount(ProcFs.cpuNanos(targetPid), ProcFs.cpuNanos(ProcessHandle.current().pid()),
                ProcFs.machineCpuNanos(), System.nanoTime());
    }

    public CpuAccount since(long targetPid) {
        CpuAccount end = start(targetPid);
        long target = end.targetNanos - targetNanos;
        long loadGenerator = end.loadGeneratorNanos - loadGeneratorNanos;
        long machine = end.otherNanos - otherNanos;
        return new CpuAccount(target, loadGenerator, Math.max(0, machine - target - loadGenerator),
                end.elapsedNanos - elapsedNanos);
    }

    public double targetCores() {
        return (double) targetNanos / elapsedNanos;
    }

    public double loadGeneratorCores() {
        return (double) loadGeneratorNanos / elapsedNanos;
    }

    public double otherCores() {
        return (double) otherNanos / elapsedNanos;
    }
}
