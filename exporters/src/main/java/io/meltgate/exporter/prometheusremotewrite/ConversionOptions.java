package io.meltgate.exporter.prometheusremotewrite;

import java.util.Map;

/**
 * What the conversion needs from the settings, resolved once.
 *
 * @param externalLabels {@code external_labels}: added to every series that has no label of that name
 * @param targetInfo {@code target_info.enabled}: one {@code target_info} series per resource
 * @param scopeLabels not {@code disable_scope_info}: {@code otel_scope_name}, {@code otel_scope_version}, ...
 * @param resourceToTelemetry {@code resource_to_telemetry_conversion.enabled}: resource attributes as labels
 * @param excludeServiceAttributes {@code resource_to_telemetry_conversion.exclude_service_attributes}
 * @param createdMetric {@code export_created_metric.enabled}: {@code _created} series from start times
 * @param sendMetadata {@code send_metadata}: {@code MetricMetadata} for every metric family
 */
record ConversionOptions(PrometheusNames names, Map<String, String> externalLabels, boolean targetInfo,
                         boolean scopeLabels, boolean resourceToTelemetry, boolean excludeServiceAttributes,
                         boolean createdMetric, boolean sendMetadata) {

    static ConversionOptions from(PrometheusRemoteWriteSettings s) {
        return new ConversionOptions(new PrometheusNames(s.suffixesEnabled(), s.namespace()),
                s.externalLabels() == null ? Map.of() : Map.copyOf(s.externalLabels()),
                s.targetInfo() == null || s.targetInfo().enabled(),
                !s.disableScopeInfo(),
                s.resourceToTelemetryConversion() != null && s.resourceToTelemetryConversion().enabled(),
                s.resourceToTelemetryConversion() != null && s.resourceToTelemetryConversion().excludeServiceAttributes(),
                s.exportCreatedMetric() != null && s.exportCreatedMetric().enabled(),
                s.sendMetadata());
    }
}
