package io.meltgate.receiver.otlp;

import io.meltgate.core.component.ComponentContext;
import io.meltgate.core.component.Receiver;
import io.meltgate.core.component.ReceiverFactory;
import io.meltgate.core.consumer.BatchConsumer;
import io.meltgate.core.signal.Signal;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The {@code otlp} receiver type. Its default settings name no protocol: a Collector config enables gRPC
 * and/or HTTP by listing {@code protocols.grpc} / {@code protocols.http}, which then start from
 * {@link OtlpGrpcSettings#defaults()} ({@code localhost:4317}) and {@link OtlpHttpSettings#defaults()}
 * ({@code localhost:4318}).
 */
public final class OtlpReceiverFactory implements ReceiverFactory<OtlpReceiverSettings> {

    public static final String TYPE = "otlp";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Set<Signal> signals() {
        return EnumSet.allOf(Signal.class);
    }

    @Override
    public Class<OtlpReceiverSettings> settingsType() {
        return OtlpReceiverSettings.class;
    }

    @Override
    public OtlpReceiverSettings defaultSettings() {
        return new OtlpReceiverSettings(OtlpReceiverSettings.Protocols.defaults());
    }

    @Override
    public Receiver create(ComponentContext context, OtlpReceiverSettings settings, Map<Signal, BatchConsumer> next) {
        return new OtlpReceiver(context, settings, next);
    }
}
