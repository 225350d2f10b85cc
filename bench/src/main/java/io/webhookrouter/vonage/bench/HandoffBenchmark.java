package io.webhookrouter.vonage.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.management.OperatingSystemMXBean;

import io.webhookrouter.vonage.broker.BrokerConnectionFactory;
import io.webhookrouter.vonage.broker.EmbeddedBroker;
import io.webhookrouter.vonage.broker.Envelope;
import io.webhookrouter.vonage.broker.JmsHandoff;
import io.webhookrouter.vonage.broker.VonageQueues;
import io.webhookrouter.vonage.routing.DeliveryPolicy;

/**
 * The durable hand-off alone, without HTTP: threads storing distinct ~1 KB events into the embedded broker, as the
 * webhook threads do. Prints stores per second and CPU per store. {@code java ... HandoffBenchmark [threads]
 * [seconds] [lanes] [broker memory MB]}; a tool for working on the hand-off, not part of the report.
 */
public final class HandoffBenchmark {

    private HandoffBenchmark() {
    }

    public static void main(String... args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 64;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int lanes = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int brokerMemoryMb = args.length > 3 ? Integer.parseInt(args[3]) : 64;
        Path dataDir = Files.createTempDirectory("handoff-bench");
        DeliveryPolicy policy = new DeliveryPolicy(Duration.ofSeconds(1), 2, Duration.ofMinutes(5), Duration.ofDays(1));
        EmbeddedBroker broker = new EmbeddedBroker(dataDir, 0, 200_000, policy, 99, brokerMemoryMb);
        broker.start();
        JmsHandoff handoff = new JmsHandoff(BrokerConnectionFactory.create("", "", "", Duration.ofSeconds(5)), lanes,
                Duration.ofSeconds(5));
        handoff.start();
        String body = "{\"channel\":\"sms\",\"text\":\"" + "x".repeat(900) + "\"}";
        AtomicLong stored = new AtomicLong();
        long warmUpEnd = System.nanoTime() + Duration.ofSeconds(Math.max(5, seconds / 2)).toNanos();
        long end = warmUpEnd + Duration.ofSeconds(seconds).toNanos();
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long[] cpuAtWarm = new long[1];
        long[] storedAtWarm = new long[1];
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            Thread thread = new Thread(() -> {
                try {
                    while (System.nanoTime() < end) {
                        handoff.store(Envelope.text(VonageQueues.INGEST, body,
                                Map.of("VonageChannel", "sms", "VonageEventType", "inbound"),
                                UUID.randomUUID().toString()));
                        stored.incrementAndGet();
                    }
                } catch (Exception e) {
                    e.printStackTrace();
                } finally {
                    done.countDown();
                }
            });
            thread.start();
        }
        Thread.sleep(Math.max(0, (warmUpEnd - System.nanoTime()) / 1_000_000));
        cpuAtWarm[0] = os.getProcessCpuTime();
        storedAtWarm[0] = stored.get();
        long measuredFrom = System.nanoTime();
        done.await();
        double elapsed = (System.nanoTime() - measuredFrom) / 1e9;
        long count = stored.get() - storedAtWarm[0];
        long cpu = os.getProcessCpuTime() - cpuAtWarm[0];
        System.out.printf("threads %d lanes %d: %.0f stores/s, %.1f us CPU per store%n", threads, lanes,
                count / elapsed, cpu / 1000.0 / count);
        handoff.stop();
        broker.stop();
        System.exit(0);
    }
}
