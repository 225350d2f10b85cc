package io.webhookrouter.vonage.bench;

import java.time.Duration;
import java.util.List;

/**
 * Everything measured for one target in one run. Null fields were not measured: the run failed before them
 * ({@code failure} says why), or they do not apply (only the router is profiled and audited).
 *
 * @param digest             the router only: saturation, then until every acknowledged event is routed and archived
 * @param saturationCpu      CPU time (user + system) used during the saturation phase, by whom
 * @param peakRssKib         largest VmRSS sampled while load ran
 * @param hwmKib             VmHWM (peak resident set) when the load was over
 * @param backlog            the router only: a large backlog built with routing stopped, then digested
 * @param logWarnings        the most frequent warnings and errors in the target's log
 */
public record TargetReport(
        Target target,
        Duration startup,
        LoadResult warmup,
        WarmUp.FirstSeconds firstTenSeconds,
        DigestPhase.Result digest,
        LoadResult saturation,
        List<LoadResult> fixedRates,
        CpuAccount saturationCpu,
        ThreadCpuShare saturationThreads,
        long peakRssKib,
        long hwmKib,
        RouterProfiler.Profile profile,
        BrokerAudit.Result audit,
        BacklogPhase.Result backlog,
        String logWarnings,
        String failure) {

    public static TargetReport failed(Target target, String failure) {
        return new TargetReport(target, null, null, null, null, null, List.of(), null, null, 0, 0, null, null, null, null,
                failure);
    }

    public TargetReport withBacklog(BacklogPhase.Result measured) {
        return new TargetReport(target, startup, warmup, firstTenSeconds, digest, saturation, fixedRates, saturationCpu,
                saturationThreads, peakRssKib, hwmKib, profile, audit, measured, logWarnings, failure);
    }

    /** CPU time per answered request during saturation, in microseconds. */
    public double cpuMicrosPerRequest() {
        long answered = saturation.tally().latencyMicros().getTotalCount();
        return answered == 0 ? Double.NaN : saturationCpu.targetNanos() / 1000.0 / answered;
    }

    public LoadResult fixedRate(int rate) {
        return fixedRates.stream().filter(r -> r.offeredRate() == rate).findFirst().orElse(null);
    }
}
