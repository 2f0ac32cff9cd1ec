package io.meltgate.core.pipeline;

import com.lmax.disruptor.ExceptionHandler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Last resort for a throwable that escaped the pipeline handler (which already catches and counts what
 * processors throw): log it and keep the consumer thread alive, because a dead consumer would silently
 * fill the ring and refuse everything afterwards.
 */
final class PipelineExceptionHandler implements ExceptionHandler<Object> {

    private static final Logger LOG = Logger.getLogger(PipelineExceptionHandler.class.getName());
    private final String pipeline;

    PipelineExceptionHandler(String pipeline) {
        this.pipeline = pipeline;
    }

    @Override
    public void handleEventException(Throwable ex, long sequence, Object event) {
        LOG.log(Level.SEVERE, "unexpected error on pipeline thread " + pipeline + " at sequence " + sequence, ex);
    }

    @Override
    public void handleOnStartException(Throwable ex) {
        LOG.log(Level.SEVERE, "pipeline thread " + pipeline + " failed to start", ex);
    }

    @Override
    public void handleOnShutdownException(Throwable ex) {
        LOG.log(Level.SEVERE, "pipeline thread " + pipeline + " failed to stop cleanly", ex);
    }
}
