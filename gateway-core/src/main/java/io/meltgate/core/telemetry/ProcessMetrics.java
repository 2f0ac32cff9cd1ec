package io.meltgate.core.telemetry;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.RuntimeMXBean;

/** The process metrics the Collector serves about itself, under its names, so existing dashboards work. */
public final class ProcessMetrics {

    private ProcessMetrics() {
    }

    public static void register(MeterRegistry registry) {
        RuntimeMXBean runtime = ManagementFactory.getRuntimeMXBean();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        FunctionCounter.builder("otelcol_process_uptime", runtime, r -> r.getUptime() / 1000.0)
                .description("Uptime of the process").baseUnit("seconds").register(registry);
        Gauge.builder("otelcol_process_runtime_heap_alloc_bytes", memory, m -> m.getHeapMemoryUsage().getUsed())
                .description("Bytes of allocated heap objects").register(registry);
        Gauge.builder("otelcol_process_runtime_total_sys_memory_bytes", memory,
                        m -> m.getHeapMemoryUsage().getCommitted() + m.getNonHeapMemoryUsage().getCommitted())
                .description("Total bytes of memory obtained from the OS").register(registry);
        com.sun.management.OperatingSystemMXBean os = ManagementFactory.getPlatformMXBean(
                com.sun.management.OperatingSystemMXBean.class);
        if (os != null) {
            FunctionCounter.builder("otelcol_process_cpu_seconds", os, o -> o.getProcessCpuTime() / 1e9)
                    .description("Total CPU user and system time in seconds").register(registry);
        }
    }
}
