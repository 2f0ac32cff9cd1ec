package io.meltgate.receiver.fluentforward;

import io.opentelemetry.proto.logs.v1.ResourceLogs;

/**
 * One decoded Forward message: its events as log records (under one resource and scope) and the {@code chunk}
 * option to acknowledge, or null.
 */
public record ReceivedMessage(ResourceLogs resourceLogs, int events, String chunk) {
}
