package io.meltgate.core.pipeline;

import io.meltgate.core.data.Batch;

/**
 * A pre-allocated ring entry. The producer sets the batch, the consumer takes it and clears the slot so the
 * ring holds no garbage. A null batch is a slot that was claimed and then given up (see {@link RingPublisher}).
 */
final class RingSlot {
    Batch batch;
    /** Set on the control event that asks the pipeline thread to flush its processors on a graceful stop. */
    java.util.concurrent.CountDownLatch flushDone;
}
