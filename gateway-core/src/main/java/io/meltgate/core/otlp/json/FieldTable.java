package io.meltgate.core.otlp.json;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JSON keys of one message type: each field answers to its lowerCamelCase JSON name and to its
 * snake_case proto name, as OTLP/JSON receivers must accept both. Built once per type and cached.
 */
final class FieldTable {

    /** Bytes fields that OTLP/JSON writes as hex instead of base64 (the specification's exception to proto3 JSON). */
    private static final Set<String> HEX_ID_FIELDS = Set.of("trace_id", "span_id", "parent_span_id");

    private static final Map<Descriptor, FieldTable> CACHE = new ConcurrentHashMap<>();

    private final Map<String, FieldDescriptor> byKey;

    private FieldTable(Descriptor type) {
        Map<String, FieldDescriptor> keys = new HashMap<>();
        for (FieldDescriptor f : type.getFields()) {
            keys.put(f.getJsonName(), f);
            keys.put(f.getName(), f);
        }
        this.byKey = keys;
    }

    static FieldTable of(Descriptor type) {
        return CACHE.computeIfAbsent(type, FieldTable::new);
    }

    /** The field a JSON key names, or null for an unknown key (which OTLP/JSON says to ignore). */
    FieldDescriptor field(String key) {
        return byKey.get(key);
    }

    static boolean isHexId(FieldDescriptor field) {
        return field.getType() == FieldDescriptor.Type.BYTES && HEX_ID_FIELDS.contains(field.getName());
    }

    static boolean isUnsigned(FieldDescriptor field) {
        return switch (field.getType()) {
            case UINT32, FIXED32, UINT64, FIXED64 -> true;
            default -> false;
        };
    }
}
