package io.meltgate.ottl.path;

import java.util.HashMap;
import java.util.Map;

/** The enum symbols of OTTL and their numbers, as the OTLP protocol defines them. */
public final class Enums {

    private static final Map<String, Long> SYMBOLS = new HashMap<>();

    static {
        String[] kinds = {"UNSPECIFIED", "INTERNAL", "SERVER", "CLIENT", "PRODUCER", "CONSUMER"};
        for (int i = 0; i < kinds.length; i++) {
            SYMBOLS.put("SPAN_KIND_" + kinds[i], (long) i);
        }
        SYMBOLS.put("STATUS_CODE_UNSET", 0L);
        SYMBOLS.put("STATUS_CODE_OK", 1L);
        SYMBOLS.put("STATUS_CODE_ERROR", 2L);
        SYMBOLS.put("SEVERITY_NUMBER_UNSPECIFIED", 0L);
        String[] levels = {"TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"};
        for (int i = 0; i < levels.length; i++) {
            SYMBOLS.put("SEVERITY_NUMBER_" + levels[i], 1L + 4L * i);
            for (int j = 2; j <= 4; j++) {
                SYMBOLS.put("SEVERITY_NUMBER_" + levels[i] + j, 4L * i + j);
            }
        }
        String[] types = {"NONE", "GAUGE", "SUM", "HISTOGRAM", "EXPONENTIAL_HISTOGRAM", "SUMMARY"};
        for (int i = 0; i < types.length; i++) {
            SYMBOLS.put("METRIC_DATA_TYPE_" + types[i], (long) i);
        }
        SYMBOLS.put("AGGREGATION_TEMPORALITY_UNSPECIFIED", 0L);
        SYMBOLS.put("AGGREGATION_TEMPORALITY_DELTA", 1L);
        SYMBOLS.put("AGGREGATION_TEMPORALITY_CUMULATIVE", 2L);
        SYMBOLS.put("FLAG_NONE", 0L);
        SYMBOLS.put("FLAG_NO_RECORDED_VALUE", 1L);
    }

    private Enums() {
    }

    /** The number of an enum symbol, or null when there is no such symbol. */
    public static Long lookup(String symbol) {
        return SYMBOLS.get(symbol);
    }

    /** Every symbol, for documentation and tests. */
    public static Map<String, Long> all() {
        return Map.copyOf(SYMBOLS);
    }
}
