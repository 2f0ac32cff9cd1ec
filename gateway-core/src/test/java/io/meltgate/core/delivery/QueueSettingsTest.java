package io.meltgate.core.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meltgate.core.data.Batch;
import io.meltgate.core.data.MetricBatch;
import io.meltgate.core.data.RequestMetadata;
import io.meltgate.core.data.SpanBatch;
import io.meltgate.core.testing.OtlpFixtures;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueueSettingsTest {

    private static QueueSettings queue(String sizer, String batchSizer) {
        return new QueueSettings(true, 10, 1000, false, sizer,
                new QueueBatchSettings(Duration.ofMillis(200), 8192, 0, batchSizer), null, false);
    }

    @Test
    void sizersFollowTheCollectorsRules() {
        assertEquals("requests", QueueSettings.defaults().effectiveSizer(), "queue sizer not set: requests");
        assertEquals("items", queue(null, null).effectiveBatchSizer(), "neither set: batch counts items");
        assertEquals("bytes", queue("bytes", null).effectiveBatchSizer(), "batch sizer not set: the queue's");
        assertEquals("requests", queue("requests", null).effectiveBatchSizer(), "set explicitly, even to requests");
        assertEquals("items", queue("bytes", "items").effectiveBatchSizer());
        assertEquals("bytes", queue("bytes", "items").effectiveSizer());
    }

    @Test
    void validationNamesEachProblem() {
        QueueSettings bad = new QueueSettings(true, 0, 0, false, "spans", null, "file_storage", true);
        List<String> problems = bad.validate();
        assertEquals(5, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("num_consumers"));
        List<String> batch = new QueueBatchSettings(Duration.ZERO, 10, 5, "lines").validate();
        assertEquals(3, batch.size(), batch.toString());
        assertEquals(List.of(), QueueSettings.defaults().validate());
        assertEquals(List.of(), QueueBatchSettings.defaults().validate());
        assertEquals(List.of(), RetrySettings.defaults().validate());
    }

    @Test
    void splittingByBytesKeepsEveryPieceUnderMaxSize() {
        SpanBatch big = SpanBatch.of(new OtlpFixtures(4).traceRequest(40), RequestMetadata.EMPTY);
        long total = QueueSizer.bytesOf(big);
        List<Batch> pieces = QueueBatchCutter.split(big, total / 4, QueueSizer.BYTES);
        assertTrue(pieces.size() >= 4, "at least 4 pieces, got " + pieces.size());
        for (Batch p : pieces) {
            assertTrue(QueueSizer.bytesOf(p) <= total / 4, "a piece is at most max_size: " + QueueSizer.bytesOf(p));
        }
        assertEquals(40, pieces.stream().mapToInt(Batch::itemCount).sum());
    }

    @Test
    void splittingMetricsKeepsWholeMetricsAndCountsDataPoints() {
        MetricBatch m = MetricBatch.of(new OtlpFixtures(5).metricsRequest(60), RequestMetadata.EMPTY);
        List<Batch> pieces = QueueBatchCutter.split(m, 20, QueueSizer.ITEMS);
        assertTrue(pieces.size() >= 3);
        assertEquals(m.itemCount(), pieces.stream().mapToInt(Batch::itemCount).sum());
        assertEquals(m, QueueBatchCutter.split(m, 0, QueueSizer.ITEMS).get(0), "max_size 0: no split");
    }
}
