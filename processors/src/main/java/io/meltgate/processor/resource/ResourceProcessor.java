package io.meltgate.processor.resource;

import io.meltgate.core.component.Processor;
import io.meltgate.core.consumer.BatchConsumer;
import io.meltgate.core.consumer.ConsumeException;
import io.meltgate.core.data.Batch;
import io.meltgate.core.data.LogBatch;
import io.meltgate.core.data.MetricBatch;
import io.meltgate.core.data.RequestMetadata;
import io.meltgate.core.data.SpanBatch;
import io.meltgate.processor.attributes.AttributeActions;
import io.meltgate.processor.support.Rewrite;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import java.util.List;

/**
 * Applies the actions to the resource of each batch entry: work per resource, not per item. An entry whose
 * resource is unchanged stays the same instance.
 */
final class ResourceProcessor implements Processor {

    private final AttributeActions actions;
    private final BatchConsumer next;

    ResourceProcessor(ResourceSettings s, BatchConsumer next) {
        this.actions = new AttributeActions(s.attributes());
        this.next = next;
    }

    private Resource edit(Resource r, RequestMetadata md) {
        List<KeyValue> attrs = actions.apply(r.getAttributesList(), md);
        return attrs == r.getAttributesList() ? r : r.toBuilder().clearAttributes().addAllAttributes(attrs).build();
    }

    @Override
    public void consume(Batch batch) throws ConsumeException {
        RequestMetadata md = batch.metadata();
        Batch out;
        try {
            if (batch instanceof SpanBatch b) {
                var rs = Rewrite.list(b.resourceSpans(), r -> {
                    Resource n = edit(r.getResource(), md);
                    return n == r.getResource() ? r : r.toBuilder().setResource(n).build();
                });
                out = rs == b.resourceSpans() ? b : new SpanBatch(rs, b.itemCount(), md);
            } else if (batch instanceof MetricBatch b) {
                var rm = Rewrite.list(b.resourceMetrics(), r -> {
                    Resource n = edit(r.getResource(), md);
                    return n == r.getResource() ? r : r.toBuilder().setResource(n).build();
                });
                out = rm == b.resourceMetrics() ? b : new MetricBatch(rm, b.itemCount(), md);
            } else {
                LogBatch b = (LogBatch) batch;
                var rl = Rewrite.list(b.resourceLogs(), r -> {
                    Resource n = edit(r.getResource(), md);
                    return n == r.getResource() ? r : r.toBuilder().setResource(n).build();
                });
                out = rl == b.resourceLogs() ? b : new LogBatch(rl, b.itemCount(), md);
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw ConsumeException.permanent("resource: " + e.getMessage(), e);
        }
        next.consume(out);
    }
}
