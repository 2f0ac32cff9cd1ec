package io.meltgate.core.otlp.json;

import com.google.protobuf.Any;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JSON keys of one message type: each field answers to its lowerCamelCase JSON name and to its
 * snake_case proto name, as OTLP/JSON receivers must accept both. Built once per type and cached.
 *
 * <p>Everything the decoder asks about a field per value (repeated? which Java type? hex id? unsigned? the
 * table of its message type?) is answered here once, at build time: protobuf's descriptor methods are not
 * cheap enough to call per value (in protobuf-java 4, {@code isRepeated()} resolves editions features).
 * The keys arrive from Jackson as canonical, interned strings (its default), and the table's keys are
 * interned too: a lookup hashes nothing (the hash is cached), compares by identity and allocates nothing.
 */
final class FieldTable {

    /** Bytes fields that OTLP/JSON writes as hex instead of base64 (the specification's exception to proto3 JSON). */
    private static final Set<String> HEX_ID_FIELDS = Set.of("trace_id", "span_id", "parent_span_id");

    private static final Map<Descriptor, FieldTable> CACHE = new ConcurrentHashMap<>();

    private final Map<String, Field> byKey;
    /** Open addressing over the interned keys, probed by identity: the lookup per key, without node chasing. */
    private final String[] probeKeys;
    private final Field[] probeFields;
    private final int probeMask;
    /** The hand-written reader of this type's generated builder, or null (see {@link OtlpFastReaders}). */
    private final OtlpFastReaders.Reader fastReader;
    private final Class<?> fastBuilderClass;

    private FieldTable(Descriptor type) {
        Map<String, Field> keys = new HashMap<>();
        for (FieldDescriptor f : type.getFields()) {
            Field field = new Field(f);
            // Interned like Jackson's names, so that the map's equals() is an identity check.
            keys.put(f.getJsonName().intern(), field);
            keys.put(f.getName().intern(), field);
        }
        this.byKey = keys;
        int size = Integer.highestOneBit(Math.max(4, keys.size() * 4) - 1) << 1;
        this.probeKeys = new String[size];
        this.probeFields = new Field[size];
        this.probeMask = size - 1;
        for (Map.Entry<String, Field> e : keys.entrySet()) {
            int i = slot(e.getKey());
            while (probeKeys[i] != null) {
                i = (i + 1) & probeMask;
            }
            probeKeys[i] = e.getKey();
            probeFields[i] = e.getValue();
        }
        OtlpFastReaders.Registration fast = OtlpFastReaders.forType(type);
        this.fastReader = fast == null ? null : fast.reader();
        this.fastBuilderClass = fast == null ? null : fast.builderClass();
    }

    static FieldTable of(Descriptor type) {
        FieldTable table = CACHE.get(type);
        return table != null ? table : CACHE.computeIfAbsent(type, FieldTable::new);
    }

    /** The field a JSON key names, or null for an unknown key (which OTLP/JSON says to ignore). */
    Field field(String key) {
        String k;
        for (int i = slot(key); (k = probeKeys[i]) != null; i = (i + 1) & probeMask) {
            if (k == key) {
                return probeFields[i];
            }
        }
        // Not found by identity: an unknown key, or a name some parser did not intern.
        return byKey.get(key);
    }

    private int slot(String key) {
        int h = key.hashCode();
        return (h ^ (h >>> 16)) & probeMask;
    }

    /**
     * The hand-written reader for this builder, or null when there is none or the builder is not the
     * generated one it was written for (a {@code DynamicMessage.Builder} of the same type, say).
     */
    OtlpFastReaders.Reader fastReaderFor(Message.Builder builder) {
        return fastReader != null && builder.getClass() == fastBuilderClass ? fastReader : null;
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

    /** One field of a message type, with what decoding needs to know about it computed once. */
    static final class Field {
        final FieldDescriptor descriptor;
        final int number;
        final String jsonName;
        final FieldDescriptor.JavaType javaType;
        final boolean repeated;
        /** Map fields (none in OTLP) and {@code google.protobuf.Any} values are skipped. */
        final boolean skipped;
        final boolean hexId;
        final boolean unsigned;
        /** The table of a message field's type, built on first use (types can be recursive: AnyValue). */
        private FieldTable messageTable;

        private Field(FieldDescriptor f) {
            this.descriptor = f;
            this.number = f.getNumber();
            this.jsonName = f.getJsonName();
            this.javaType = f.getJavaType();
            this.repeated = f.isRepeated();
            this.skipped = f.isMapField() || (javaType == FieldDescriptor.JavaType.MESSAGE
                    && f.getMessageType().getFullName().equals(Any.getDescriptor().getFullName()));
            this.hexId = isHexId(f);
            this.unsigned = isUnsigned(f);
        }

        /** The field table of this message field's type (a benign race: every thread computes the same). */
        FieldTable messageTable() {
            FieldTable t = messageTable;
            if (t == null) {
                t = FieldTable.of(descriptor.getMessageType());
                messageTable = t;
            }
            return t;
        }
    }
}
