package io.meltgate.exporter.jaeger;

import io.grpc.CallOptions;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.meltgate.core.data.Batch;
import io.meltgate.core.data.SpanBatch;
import io.meltgate.core.delivery.BatchSender;
import io.meltgate.core.delivery.SendException;
import io.meltgate.core.delivery.SendResult;
import io.meltgate.exporter.grpcclient.GrpcClientChannel;
import io.meltgate.exporter.grpcclient.GrpcClientSettings;
import io.meltgate.exporter.grpcclient.GrpcErrors;
import io.meltgate.exporter.jaeger.proto.PostSpansRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Sends one batch of spans as one {@code PostSpans} call. A batch with several resources still makes one
 * call: the first resource is the Jaeger batch's process and the spans of the others carry their own
 * ({@code Span.process}, which Jaeger's collector prefers over the batch's), so a retry never re-sends
 * part of a batch that was already taken.
 */
final class JaegerSender implements BatchSender {

    private final GrpcClientSettings settings;
    private volatile GrpcClientChannel client;

    JaegerSender(GrpcClientSettings settings) {
        this.settings = settings;
    }

    @Override
    public void start() throws Exception {
        client = GrpcClientChannel.open(settings);
    }

    /** The PostSpans request for a batch: one Jaeger batch, spans of later resources with their own process. */
    static PostSpansRequest request(SpanBatch batch) {
        List<io.meltgate.exporter.jaeger.proto.Batch> perResource = JaegerTranslator.toBatches(batch.resourceSpans());
        if (perResource.size() == 1) {
            return PostSpansRequest.newBuilder().setBatch(perResource.get(0)).build();
        }
        io.meltgate.exporter.jaeger.proto.Batch.Builder merged = io.meltgate.exporter.jaeger.proto.Batch.newBuilder();
        for (int i = 0; i < perResource.size(); i++) {
            io.meltgate.exporter.jaeger.proto.Batch b = perResource.get(i);
            if (i == 0) {
                merged.setProcess(b.getProcess()).addAllSpans(b.getSpansList());
            } else {
                for (io.meltgate.exporter.jaeger.proto.Span s : b.getSpansList()) {
                    merged.addSpans(s.toBuilder().setProcess(b.getProcess()));
                }
            }
        }
        return PostSpansRequest.newBuilder().setBatch(merged).build();
    }

    @Override
    public SendResult send(Batch batch, Duration timeout) throws SendException {
        if (!(batch instanceof SpanBatch spans)) {
            throw SendException.permanent("jaeger takes traces only, got " + batch.signal(), null);
        }
        CallOptions options = CallOptions.DEFAULT;
        if (!timeout.isZero()) {
            options = options.withDeadlineAfter(timeout.toNanos(), TimeUnit.NANOSECONDS);
        }
        if (client.compressor() != null) {
            options = options.withCompression(client.compressor());
        }
        try {
            ClientCalls.blockingUnaryCall(client.channel(), JaegerGrpc.POST_SPANS, options, request(spans));
            return SendResult.OK;
        } catch (StatusRuntimeException e) {
            throw GrpcErrors.classify("Jaeger PostSpans", e);
        }
    }

    @Override
    public void shutdown() {
        if (client != null) {
            client.close();
        }
    }
}
