package io.meltgate.exporter.grpcclient;

import io.meltgate.core.component.ComponentSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code keepalive} of a gRPC client, as the Collector's configgrpc names it: {@code time} between pings on an
 * idle connection, {@code timeout} to wait for the ping's answer before closing the connection (20s), and
 * {@code permit_without_stream} (ping even with no call in flight). Absent: no pings.
 */
public record KeepaliveSettings(Duration time, Duration timeout, boolean permitWithoutStream)
        implements ComponentSettings {

    public static KeepaliveSettings defaults() {
        return new KeepaliveSettings(null, Duration.ofSeconds(20), false);
    }

    @Override
    public List<String> validate() {
        List<String> problems = new ArrayList<>();
        if (time != null && time.isNegative()) {
            problems.add("time must not be negative");
        }
        if (timeout != null && timeout.isNegative()) {
            problems.add("timeout must not be negative");
        }
        return problems;
    }
}
