package io.meltgate.exporter.prometheusremotewrite;

import io.meltgate.exporter.prometheusremotewrite.wire.Exemplar;
import io.meltgate.exporter.prometheusremotewrite.wire.Label;
import io.meltgate.exporter.prometheusremotewrite.wire.MetricMetadata;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import io.opentelemetry.proto.resource.v1.Resource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Converts OTLP metrics into Prometheus series as the Collector's {@code prometheusremotewrite} exporter does:
 * <ul>
 *   <li>gauges, and sums that are not monotonic, as gauges; cumulative monotonic sums as counters;</li>
 *   <li>histograms as {@code _bucket{le}} (cumulative, ending with {@code le="+Inf"}), {@code _sum},
 *       {@code _count}; summaries as {@code {quantile}}, {@code _sum}, {@code _count}; exponential histograms
 *       as native histograms;</li>
 *   <li>sums and histograms of delta (or unspecified) temporality are rejected: dropped and counted;</li>
 *   <li>{@code job} from {@code service.namespace/service.name}, {@code instance} from
 *       {@code service.instance.id}; the other resource attributes on {@code target_info}, or on every series
 *       with {@code resource_to_telemetry_conversion};</li>
 *   <li>points flagged "no recorded value" as Prometheus staleness markers; exemplars with
 *       {@code trace_id} and {@code span_id}.</li>
 * </ul>
 * One instance per sending thread at a time (it reuses a label builder); cheap to create.
 */
final class PrometheusConverter {

    static final String SERVICE_NAME = "service.name";
    static final String SERVICE_NAMESPACE = "service.namespace";
    static final String SERVICE_INSTANCE_ID = "service.instance.id";
    static final String TARGET_INFO = "target_info";

    private final ConversionOptions options;
    private final PrometheusNames names;
    static final String NAME = "__name__";

    private final LabelSetBuilder builder = new LabelSetBuilder();
    private final Map<String, HistogramNames> histogramNames = new java.util.HashMap<>();
    private final Map<Double, String> bounds = new java.util.HashMap<>();
    private double[] lastBounds;
    private LabelEntry[] lastLe;

    PrometheusConverter(ConversionOptions options) {
        this.options = options;
        this.names = options.names();
    }

    Conversion convert(List<ResourceMetrics> resourceMetrics) {
        Conversion out = new Conversion(expectedSeries(resourceMetrics));
        // Label entries are canonical per conversion: nothing cached from an earlier one may be reused.
        histogramNames.clear();
        lastBounds = null;
        lastLe = null;
        for (ResourceMetrics rm : resourceMetrics) {
            convertResource(rm, out);
        }
        return out;
    }

    /** Most points make one series, a histogram point one per bucket plus three, a summary one per quantile plus two. */
    private static int expectedSeries(List<ResourceMetrics> resourceMetrics) {
        long n = 1;
        for (ResourceMetrics rm : resourceMetrics) {
            for (ScopeMetrics sm : rm.getScopeMetricsList()) {
                for (Metric m : sm.getMetricsList()) {
                    n += switch (m.getDataCase()) {
                        case HISTOGRAM -> m.getHistogram().getDataPointsCount() == 0 ? 0 : (long) m.getHistogram()
                                .getDataPointsCount() * (m.getHistogram().getDataPoints(0).getExplicitBoundsCount() + 4);
                        case SUMMARY -> m.getSummary().getDataPointsCount() == 0 ? 0 : (long) m.getSummary()
                                .getDataPointsCount() * (m.getSummary().getDataPoints(0).getQuantileValuesCount() + 2);
                        default -> io.meltgate.core.data.MetricBatch.dataPointCount(m);
                    };
                }
            }
        }
        return (int) Math.min(1 << 20, n);
    }

    /** Labels a resource gives every series of it: computed once per resource. */
    private record ResourceLabels(String job, String instance, List<String[]> promoted) {
    }

    private void convertResource(ResourceMetrics rm, Conversion out) {
        Resource resource = rm.getResource();
        ResourceLabels rl = resourceLabels(resource);
        long latest = 0;
        for (ScopeMetrics sm : rm.getScopeMetricsList()) {
            List<String[]> scopeLabels = scopeLabels(sm);
            for (Metric metric : sm.getMetricsList()) {
                latest = Math.max(latest, convertMetric(metric, rl, scopeLabels, out));
            }
        }
        if (options.targetInfo() && latest > 0) {
            addTargetInfo(resource, rl, latest, out);
        }
    }

    private ResourceLabels resourceLabels(Resource resource) {
        String serviceName = null;
        String serviceNamespace = null;
        String instance = null;
        List<String[]> promoted = options.resourceToTelemetry() ? new ArrayList<>() : List.of();
        for (KeyValue kv : resource.getAttributesList()) {
            switch (kv.getKey()) {
                case SERVICE_NAME -> serviceName = PrometheusValues.labelValue(kv.getValue());
                case SERVICE_NAMESPACE -> serviceNamespace = PrometheusValues.labelValue(kv.getValue());
                case SERVICE_INSTANCE_ID -> instance = PrometheusValues.labelValue(kv.getValue());
                default -> { }
            }
            if (options.resourceToTelemetry() && !(options.excludeServiceAttributes() && isServiceAttribute(kv.getKey()))) {
                promoted.add(new String[] {names.labelName(kv.getKey()), PrometheusValues.labelValue(kv.getValue())});
            }
        }
        String job = serviceName == null ? null
                : serviceNamespace == null || serviceNamespace.isEmpty() ? serviceName : serviceNamespace + "/" + serviceName;
        return new ResourceLabels(job, instance, promoted);
    }

    private static boolean isServiceAttribute(String key) {
        return key.equals(SERVICE_NAME) || key.equals(SERVICE_NAMESPACE) || key.equals(SERVICE_INSTANCE_ID);
    }

    private List<String[]> scopeLabels(ScopeMetrics sm) {
        if (!options.scopeLabels() || !sm.hasScope()) {
            return List.of();
        }
        InstrumentationScope scope = sm.getScope();
        List<String[]> labels = new ArrayList<>(3);
        if (!scope.getName().isEmpty()) {
            labels.add(new String[] {"otel_scope_name", scope.getName()});
        }
        if (!scope.getVersion().isEmpty()) {
            labels.add(new String[] {"otel_scope_version", scope.getVersion()});
        }
        if (!sm.getSchemaUrl().isEmpty()) {
            labels.add(new String[] {"otel_scope_schema_url", sm.getSchemaUrl()});
        }
        for (KeyValue kv : scope.getAttributesList()) {
            labels.add(new String[] {"otel_scope_" + names.labelName(kv.getKey()), PrometheusValues.labelValue(kv.getValue())});
        }
        return labels;
    }

    /** @return the latest point timestamp of the metric, in ms (0 if none was converted) */
    private long convertMetric(Metric metric, ResourceLabels rl, List<String[]> scope, Conversion out) {
        if (!hasValidTemporality(metric)) {
            out.drop(io.meltgate.core.data.MetricBatch.dataPointCount(metric), "invalid temporality and type combination for metric \""
                    + metric.getName() + "\"");
            return 0;
        }
        String name = names.metricName(metric);
        if (options.sendMetadata()) {
            out.addMetadata(MetricMetadata.newBuilder().setType(metadataType(metric)).setMetricFamilyName(name)
                    .setHelp(metric.getDescription()).setUnit(metric.getUnit()).build());
        }
        long latest = 0;
        switch (metric.getDataCase()) {
            case GAUGE -> {
                for (NumberDataPoint p : metric.getGauge().getDataPointsList()) {
                    latest = Math.max(latest, addNumber(name, p, false, rl, scope, out));
                }
            }
            case SUM -> {
                boolean counter = metric.getSum().getIsMonotonic();
                for (NumberDataPoint p : metric.getSum().getDataPointsList()) {
                    latest = Math.max(latest, addNumber(name, p, counter, rl, scope, out));
                }
            }
            case HISTOGRAM -> {
                for (HistogramDataPoint p : metric.getHistogram().getDataPointsList()) {
                    latest = Math.max(latest, addHistogram(name, p, rl, scope, out));
                }
            }
            case SUMMARY -> {
                for (SummaryDataPoint p : metric.getSummary().getDataPointsList()) {
                    latest = Math.max(latest, addSummary(name, p, rl, scope, out));
                }
            }
            case EXPONENTIAL_HISTOGRAM -> {
                for (ExponentialHistogramDataPoint p : metric.getExponentialHistogram().getDataPointsList()) {
                    latest = Math.max(latest, addExponentialHistogram(name, metric.getName(), p, rl, scope, out));
                }
            }
            case DATA_NOT_SET -> out.drop(0, "metric \"" + metric.getName() + "\" has no data");
        }
        return latest;
    }

    /** Sums and histograms must be cumulative: Prometheus has no notion of a delta. */
    static boolean hasValidTemporality(Metric metric) {
        AggregationTemporality cumulative = AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE;
        return switch (metric.getDataCase()) {
            case GAUGE, SUMMARY -> true;
            case SUM -> metric.getSum().getAggregationTemporality() == cumulative;
            case HISTOGRAM -> metric.getHistogram().getAggregationTemporality() == cumulative;
            case EXPONENTIAL_HISTOGRAM -> metric.getExponentialHistogram().getAggregationTemporality() == cumulative;
            case DATA_NOT_SET -> true;
        };
    }

    private static MetricMetadata.MetricType metadataType(Metric metric) {
        return switch (metric.getDataCase()) {
            case GAUGE -> MetricMetadata.MetricType.GAUGE;
            case SUM -> metric.getSum().getIsMonotonic() ? MetricMetadata.MetricType.COUNTER : MetricMetadata.MetricType.GAUGE;
            case HISTOGRAM, EXPONENTIAL_HISTOGRAM -> MetricMetadata.MetricType.HISTOGRAM;
            case SUMMARY -> MetricMetadata.MetricType.SUMMARY;
            case DATA_NOT_SET -> MetricMetadata.MetricType.UNKNOWN;
        };
    }

    // ---- labels

    /**
     * The labels every series of a point carries, by the Collector's precedence: point attributes (values of
     * names that collide once sanitized joined with ';'), then resource attributes when promoted, then scope
     * labels, then job and instance, then external labels where no label of that name exists yet. The
     * {@code __name__} slot is empty here; each series sets it.
     */
    private LabelSet baseLabels(List<KeyValue> attributes, ResourceLabels rl, List<String[]> scope) {
        LabelSetBuilder b = builder.clear();
        addAttributes(attributes, b);
        addFixedLabels(b, rl, scope);
        // A slot for __name__, which every series of the point fills with its own name (never left empty).
        b.put(NAME, "");
        return b.build();
    }

    /** The labels that do not come from the point: they replace attributes, except external labels. */
    private void addFixedLabels(LabelSetBuilder b, ResourceLabels rl, List<String[]> scope) {
        for (String[] l : rl.promoted()) {
            b.put(l[0], l[1]);
        }
        for (String[] l : scope) {
            b.put(l[0], l[1]);
        }
        if (rl.job() != null) {
            b.put("job", rl.job());
        }
        if (rl.instance() != null) {
            b.put("instance", rl.instance());
        }
        for (Map.Entry<String, String> e : options.externalLabels().entrySet()) {
            b.putIfAbsent(e.getKey(), e.getValue());
        }
    }

    /**
     * The labels of one point's series, encoded once per point ({@link EncodedLabels}) and filled per series
     * with its canonical name and {@code le}/{@code quantile} entries. Points whose attribute keys were seen
     * before in the same scope take the precomputed {@link LabelLayout}; the others (first of their kind,
     * colliding keys) merge and sort. One instance, reused for every point: valid until the next call of
     * {@link #point}.
     */
    private final class PointLabels {
        private Conversion out;
        private String[] sortedNames;
        private String[] values;
        private EncodedLabels plain;
        private EncodedLabels withLe;
        private EncodedLabels withQuantile;

        void reset(Conversion out, String[] sortedNames, String[] values) {
            this.out = out;
            this.sortedNames = sortedNames;
            this.values = values;
            this.plain = null;
            this.withLe = null;
            this.withQuantile = null;
        }

        PromSeries named(LabelEntry name) {
            if (plain == null) {
                plain = out.encode(sortedNames, values, true, null);
            }
            return out.series(plain, name, null);
        }

        /** For histograms, before their first series: one encoding serves the buckets and (usually) _sum and _count. */
        void prepareBuckets() {
            withLe = out.encode(sortedNames, values, true, "le");
            plain = withLe.withoutExtraHole();
        }

        PromSeries bucket(LabelEntry name, LabelEntry le) {
            if (withLe == null) {
                withLe = out.encode(sortedNames, values, true, "le");
            }
            return out.series(withLe, name, le);
        }

        PromSeries quantile(LabelEntry name, LabelEntry quantile) {
            if (withQuantile == null) {
                withQuantile = out.encode(sortedNames, values, true, "quantile");
            }
            return out.series(withQuantile, name, quantile);
        }
    }

    private final PointLabels pointLabels = new PointLabels();
    private final LabelLayout[] layouts = new LabelLayout[8];
    private int nextLayout;
    private List<String[]> layoutScope;
    private ResourceLabels layoutResource;

    private PointLabels point(List<KeyValue> attributes, ResourceLabels rl, List<String[]> scope, Conversion out) {
        PointLabels pl = pointLabels;
        if (scope != layoutScope || rl != layoutResource) {
            // Layouts hold the fixed labels of one resource and scope (compared by identity: both are made
            // once per resource and scope of a conversion): start over for another.
            Arrays.fill(layouts, null);
            layoutScope = scope;
            layoutResource = rl;
        }
        LabelLayout layout = null;
        for (LabelLayout l : layouts) {
            if (l != null && l.matches(attributes)) {
                layout = l;
                break;
            }
        }
        if (layout == null) {
            layout = LabelLayout.of(attributes, names, new LabelSetBuilder(), b -> addFixedLabels(b, rl, scope));
            if (layout != null) {
                layouts[nextLayout] = layout;
                nextLayout = (nextLayout + 1) % layouts.length;
            }
        }
        if (layout != null) {
            pl.reset(out, layout.names, layout.values(attributes));
        } else {
            LabelSet slow = baseLabels(attributes, rl, scope);
            pl.reset(out, slow.names(), slow.values());
        }
        return pl;
    }

    /** The names of a histogram's series, made once per metric name. */
    private record HistogramNames(LabelEntry bucket, LabelEntry sum, LabelEntry count, String created) {
    }

    private HistogramNames histogramNames(String name, Conversion out) {
        HistogramNames n = histogramNames.get(name);
        if (n == null) {
            n = new HistogramNames(nameEntry(name + "_bucket", out), nameEntry(name + "_sum", out),
                    nameEntry(name + "_count", out), name + "_created");
            histogramNames.put(name, n);
        }
        return n;
    }

    private static LabelEntry nameEntry(String name, Conversion out) {
        return out.label(NAME, name);
    }

    /**
     * The {@code le} entries of a point's bounds, then {@code +Inf}. The points of a histogram nearly always
     * share their bounds: the last point's entries are kept and reused when the bounds are the same.
     */
    private LabelEntry[] leEntries(HistogramDataPoint p, int buckets, Conversion out) {
        if (lastLe != null && lastLe.length == buckets + 1) {
            boolean same = true;
            for (int i = 0; i < buckets && same; i++) {
                same = Double.doubleToRawLongBits(lastBounds[i]) == Double.doubleToRawLongBits(p.getExplicitBounds(i));
            }
            if (same) {
                return lastLe;
            }
        }
        LabelEntry[] le = new LabelEntry[buckets + 1];
        double[] b = new double[buckets];
        for (int i = 0; i < buckets; i++) {
            b[i] = p.getExplicitBounds(i);
            String formatted = bounds.get(b[i]);
            if (formatted == null) {
                formatted = PrometheusValues.formatFloat(b[i]);
                bounds.put(b[i], formatted);
            }
            le[i] = out.label("le", formatted);
        }
        le[buckets] = out.label("le", "+Inf");
        lastBounds = b;
        lastLe = le;
        return le;
    }

    private void addAttributes(List<KeyValue> attributes, LabelSetBuilder b) {
        if (hasCollisions(attributes)) {
            // Join colliding values in the order of the original keys, as the Collector does.
            attributes = new ArrayList<>(attributes);
            attributes.sort(Comparator.comparing(KeyValue::getKey));
        }
        for (KeyValue kv : attributes) {
            String name = names.labelName(kv.getKey());
            if (!name.isEmpty()) {
                b.append(name, PrometheusValues.labelValue(kv.getValue()));
            }
        }
    }

    private boolean hasCollisions(List<KeyValue> attributes) {
        int n = attributes.size();
        for (int i = 0; i < n; i++) {
            String a = names.labelName(attributes.get(i).getKey());
            for (int j = i + 1; j < n; j++) {
                if (a.equals(names.labelName(attributes.get(j).getKey()))) {
                    return true;
                }
            }
        }
        return false;
    }

    // ---- points

    private long addNumber(String name, NumberDataPoint p, boolean counter, ResourceLabels rl, List<String[]> scope,
                           Conversion out) {
        long ts = PrometheusValues.millis(p.getTimeUnixNano());
        PointLabels base = point(p.getAttributesList(), rl, scope, out);
        double value = (p.getFlags() & PrometheusValues.NO_RECORDED_VALUE) != 0 ? PrometheusValues.STALE_NAN
                : p.getValueCase() == NumberDataPoint.ValueCase.AS_INT ? p.getAsInt() : p.getAsDouble();
        PromSeries series = base.named(nameEntry(name, out));
        series.addSample(ts, value);
        if (counter) {
            for (io.opentelemetry.proto.metrics.v1.Exemplar e : p.getExemplarsList()) {
                series.addExemplar(exemplar(e));
            }
            addCreated(createdName(name), base, p.getStartTimeUnixNano(), ts, out);
        }
        return ts;
    }

    private long addHistogram(String name, HistogramDataPoint p, ResourceLabels rl, List<String[]> scope, Conversion out) {
        long ts = PrometheusValues.millis(p.getTimeUnixNano());
        boolean stale = (p.getFlags() & PrometheusValues.NO_RECORDED_VALUE) != 0;
        PointLabels base = point(p.getAttributesList(), rl, scope, out);
        HistogramNames n = histogramNames(name, out);
        base.prepareBuckets();
        if (p.hasSum()) {
            base.named(n.sum).addSample(ts, stale ? PrometheusValues.STALE_NAN : p.getSum());
        }
        base.named(n.count).addSample(ts, stale ? PrometheusValues.STALE_NAN : p.getCount());
        int buckets = Math.min(p.getExplicitBoundsCount(), p.getBucketCountsCount());
        LabelEntry[] le = leEntries(p, buckets, out);
        PromSeries[] bucketSeries = p.getExemplarsCount() > 0 ? new PromSeries[buckets + 1] : null;
        long cumulative = 0;
        for (int i = 0; i < buckets; i++) {
            cumulative += p.getBucketCounts(i);
            PromSeries s = base.bucket(n.bucket, le[i]);
            s.addSample(ts, stale ? PrometheusValues.STALE_NAN : cumulative);
            if (bucketSeries != null) {
                bucketSeries[i] = s;
            }
        }
        PromSeries inf = base.bucket(n.bucket, le[buckets]);
        inf.addSample(ts, stale ? PrometheusValues.STALE_NAN : p.getCount());
        if (bucketSeries != null) {
            bucketSeries[buckets] = inf;
            // Each exemplar goes on the series of the first bucket whose upper bound holds its value.
            for (io.opentelemetry.proto.metrics.v1.Exemplar e : p.getExemplarsList()) {
                double v = exemplarValue(e);
                int i = 0;
                while (i < buckets && v > p.getExplicitBounds(i)) {
                    i++;
                }
                bucketSeries[i].addExemplar(exemplar(e));
            }
        }
        addCreated(n.created, base, p.getStartTimeUnixNano(), ts, out);
        return ts;
    }

    private long addSummary(String name, SummaryDataPoint p, ResourceLabels rl, List<String[]> scope, Conversion out) {
        long ts = PrometheusValues.millis(p.getTimeUnixNano());
        boolean stale = (p.getFlags() & PrometheusValues.NO_RECORDED_VALUE) != 0;
        PointLabels base = point(p.getAttributesList(), rl, scope, out);
        base.named(nameEntry(name + "_sum", out)).addSample(ts, stale ? PrometheusValues.STALE_NAN : p.getSum());
        base.named(nameEntry(name + "_count", out)).addSample(ts, stale ? PrometheusValues.STALE_NAN : p.getCount());
        LabelEntry quantileName = nameEntry(name, out);
        for (SummaryDataPoint.ValueAtQuantile q : p.getQuantileValuesList()) {
            base.quantile(quantileName, out.label("quantile", PrometheusValues.formatFloat(q.getQuantile())))
                    .addSample(ts, stale ? PrometheusValues.STALE_NAN : q.getValue());
        }
        addCreated(name + "_created", base, p.getStartTimeUnixNano(), ts, out);
        return ts;
    }

    private long addExponentialHistogram(String name, String otelName, ExponentialHistogramDataPoint p, ResourceLabels rl,
                                         List<String[]> scope, Conversion out) {
        if (p.getScale() < NativeHistograms.MIN_SCALE) {
            out.drop(1, "cannot convert exponential histogram \"" + otelName + "\" of scale " + p.getScale()
                    + " to a native histogram (the lowest scale is " + NativeHistograms.MIN_SCALE + ")");
            return 0;
        }
        long ts = PrometheusValues.millis(p.getTimeUnixNano());
        PromSeries series = point(p.getAttributesList(), rl, scope, out).named(nameEntry(name, out));
        series.addHistogram(NativeHistograms.from(p));
        for (io.opentelemetry.proto.metrics.v1.Exemplar e : p.getExemplarsList()) {
            series.addExemplar(exemplar(e));
        }
        return ts;
    }

    private void addCreated(String createdName, PointLabels base, long startNanos, long ts, Conversion out) {
        if (options.createdMetric() && startNanos != 0) {
            base.named(nameEntry(createdName, out)).addSample(ts, PrometheusValues.millis(startNanos));
        }
    }

    /** {@code x_total} becomes {@code x_created}, as in OpenMetrics. */
    private static String createdName(String counterName) {
        return (counterName.endsWith("_total") ? counterName.substring(0, counterName.length() - 6) : counterName)
                + "_created";
    }

    // ---- exemplars and target_info

    private static double exemplarValue(io.opentelemetry.proto.metrics.v1.Exemplar e) {
        return e.getValueCase() == io.opentelemetry.proto.metrics.v1.Exemplar.ValueCase.AS_INT ? e.getAsInt() : e.getAsDouble();
    }

    private Exemplar exemplar(io.opentelemetry.proto.metrics.v1.Exemplar e) {
        LabelSetBuilder b = new LabelSetBuilder();
        for (KeyValue kv : e.getFilteredAttributesList()) {
            b.put(names.labelName(kv.getKey()), PrometheusValues.labelValue(kv.getValue()));
        }
        if (!e.getTraceId().isEmpty()) {
            b.put("trace_id", PrometheusValues.hex(e.getTraceId()));
        }
        if (!e.getSpanId().isEmpty()) {
            b.put("span_id", PrometheusValues.hex(e.getSpanId()));
        }
        LabelSet labels = b.build();
        Exemplar.Builder x = Exemplar.newBuilder().setValue(exemplarValue(e))
                .setTimestamp(PrometheusValues.millis(e.getTimeUnixNano()));
        for (int i = 0; i < labels.size(); i++) {
            x.addLabels(Label.newBuilder().setName(labels.name(i)).setValue(labels.value(i)));
        }
        return x.build();
    }

    /**
     * {@code target_info}: value 1 at the resource's latest point, labelled with its attributes other than
     * those already in {@code job} and {@code instance}. A resource with no other attribute gets none.
     */
    private void addTargetInfo(Resource resource, ResourceLabels rl, long latest, Conversion out) {
        List<KeyValue> attributes = new ArrayList<>(resource.getAttributesCount());
        for (KeyValue kv : resource.getAttributesList()) {
            if (!isServiceAttribute(kv.getKey())) {
                attributes.add(kv);
            }
        }
        if (attributes.isEmpty()) {
            return;
        }
        LabelSetBuilder b = builder.clear();
        addAttributes(attributes, b);
        if (rl.job() != null) {
            b.put("job", rl.job());
        }
        if (rl.instance() != null) {
            b.put("instance", rl.instance());
        }
        for (Map.Entry<String, String> e : options.externalLabels().entrySet()) {
            b.putIfAbsent(e.getKey(), e.getValue());
        }
        b.put("__name__", names.withNamespace(TARGET_INFO));
        out.series(b.build()).addSample(latest, 1);
    }
}
