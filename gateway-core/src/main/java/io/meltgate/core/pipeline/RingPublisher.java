package io.meltgate.core.pipeline;

import io.meltgate.core.consumer.BatchConsumer;
import io.meltgate.core.consumer.ConsumeException;
import io.meltgate.core.data.Batch;
import io.meltgate.core.data.LazyResources;
import java.time.Duration;
import java.util.List;

/**
 * What a receiver hands its batches of one signal to: publishes each batch into the ring of every pipeline
 * that lists the receiver, all or nothing, without ever blocking the receiver's thread.
 *
 * <p>This is the one place where a full ring becomes an answer: a retryable refusal with a suggested delay,
 * which the receiver turns into gRPC UNAVAILABLE with RetryInfo or HTTP 503 with Retry-After. When one of
 * several rings is full, the slots already claimed in the others are published empty, so no pipeline gets a
 * batch that the sender will send again.
 */
public final class RingPublisher implements BatchConsumer {

    /** The delay suggested to senders refused because a ring is full. */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final PipelineRing[] rings;
    private final Pipeline[] pipelines;
    private final boolean admissionControlled;
    private final boolean parseOnArrival;
    private final String names;

    public RingPublisher(List<Pipeline> pipelines) {
        if (pipelines.isEmpty()) {
            throw new IllegalArgumentException("a receiver must feed at least one pipeline");
        }
        this.rings = pipelines.stream().map(Pipeline::ring).toArray(PipelineRing[]::new);
        this.pipelines = pipelines.toArray(new Pipeline[0]);
        this.admissionControlled = pipelines.stream().anyMatch(Pipeline::hasAdmissionControl);
        this.parseOnArrival = pipelines.stream().anyMatch(Pipeline::readsItems);
        this.names = pipelines.stream().map(p -> p.id().toString()).toList().toString();
    }

    @Override
    public void consume(Batch batch) throws ConsumeException {
        if (admissionControlled) {
            for (Pipeline p : pipelines) {
                String why = p.refusal();
                if (why != null) {
                    throw ConsumeException.retryable("pipeline " + p.id() + " refuses data: " + why, RETRY_AFTER);
                }
            }
        }
        if (parseOnArrival) {
            // On the receiver's thread, where it runs beside other requests, not later on the pipeline's one thread.
            LazyResources.parseAll(batch);
        }
        if (rings.length == 1) {
            long seq = rings[0].tryClaim();
            if (seq < 0) {
                throw full();
            }
            rings[0].publish(seq, batch);
            return;
        }
        long[] claimed = new long[rings.length];
        for (int i = 0; i < rings.length; i++) {
            claimed[i] = rings[i].tryClaim();
            if (claimed[i] < 0) {
                for (int j = 0; j < i; j++) {
                    rings[j].publish(claimed[j], null);
                }
                throw full();
            }
        }
        for (int i = 0; i < rings.length; i++) {
            rings[i].publish(claimed[i], batch);
        }
    }

    private ConsumeException full() {
        return ConsumeException.retryable("pipeline ring full " + names + ": the gateway is overloaded, retry later",
                RETRY_AFTER);
    }
}
