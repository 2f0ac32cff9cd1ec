package io.meltgate.bench.jmh;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * The CPU time one thread spent per item over a JMH iteration, printed with the iteration's output. On a
 * shared machine the score (items per wall-clock second) drops whenever other processes take the cores;
 * CPU time per item moves much less, so it is the figure to compare between runs there.
 */
final class ThreadCpuReport {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private long startItems;
    private long startCpuNanos = -1;

    /** CPU time a thread has used so far, in nanoseconds; -1 when it is unknown. */
    static long cpuNanos(Thread thread) {
        return thread == null ? -1 : THREADS.getThreadCpuTime(thread.getId());
    }

    void start(long items, long cpuNanos) {
        startItems = items;
        startCpuNanos = cpuNanos;
    }

    void print(String who, String noun, long items, long cpuNanos) {
        long n = items - startItems;
        long cpu = cpuNanos - startCpuNanos;
        if (startCpuNanos >= 0 && n > 0 && cpu > 0) {
            System.out.printf(Locale.ROOT, "%n  %s: %d %s in %.0f CPU-ms = %.0f ns/item = %.0f %s per CPU-second%n",
                    who, n, noun, cpu / 1e6, (double) cpu / n, n * 1e9 / cpu, noun);
        }
    }
}
