package io.meltgate.exporter.prometheusremotewrite;

import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.Arrays;
import java.util.List;

/**
 * Where each label of a data point goes, worked out once for a resource, a scope and a sequence of attribute
 * keys, then reused for every point with the same keys: the sorted label names (shared by all the series, with
 * their hash), a template holding the fixed values (job, instance, scope, promoted resource and external
 * labels), and for each attribute the slot its value fills, or -1 when a fixed label wins over it. This spares
 * each point the merge, the precedence rules and the sort, which dominate the conversion otherwise.
 *
 * <p>Attribute keys that collide once sanitized have no layout (their values must be joined); those points
 * take the general path.
 */
final class LabelLayout {

    final String[] keys;
    final String[] names;
    final int namesHash;
    final String[] template;
    final int[] attributeSlots;
    final int nameSlot;
    private LabelLayout withLe;
    private int leSlot = -1;
    private int leInsertedAt = -1;

    private LabelLayout(String[] keys, String[] names, String[] template, int[] attributeSlots, int nameSlot) {
        this.keys = keys;
        this.names = names;
        this.namesHash = Arrays.hashCode(names);
        this.template = template;
        this.attributeSlots = attributeSlots;
        this.nameSlot = nameSlot;
    }

    /**
     * @param b a scratch builder (cleared here)
     * @param fixedLabels adds the labels that do not come from the point, with their precedence
     * @return null when two keys sanitize to the same label name
     */
    static LabelLayout of(List<KeyValue> attributes, PrometheusNames names, LabelSetBuilder b,
                          java.util.function.Consumer<LabelSetBuilder> fixedLabels) {
        int n = attributes.size();
        String[] keys = new String[n];
        String[] markers = new String[n];
        b.clear();
        for (int i = 0; i < n; i++) {
            keys[i] = attributes.get(i).getKey();
            String name = names.labelName(keys[i]);
            for (int j = 0; j < i; j++) {
                if (names.labelName(keys[j]).equals(name)) {
                    return null;
                }
            }
            // A distinct object per attribute, found again by identity after the merge and the sort.
            markers[i] = new String("attribute-" + i);
            if (!name.isEmpty()) {
                b.append(name, markers[i]);
            }
        }
        fixedLabels.accept(b);
        b.put(PrometheusConverter.NAME, "");
        LabelSet built = b.build();
        String[] sorted = built.names();
        String[] template = built.values().clone();
        int[] slots = new int[n];
        Arrays.fill(slots, -1);
        for (int j = 0; j < template.length; j++) {
            for (int i = 0; i < n; i++) {
                if (template[j] == markers[i]) {
                    slots[i] = j;
                    template[j] = null;
                }
            }
        }
        return new LabelLayout(keys, sorted, template, slots, built.indexOf(PrometheusConverter.NAME));
    }

    boolean matches(List<KeyValue> attributes) {
        if (attributes.size() != keys.length) {
            return false;
        }
        for (int i = 0; i < keys.length; i++) {
            if (!keys[i].equals(attributes.get(i).getKey())) {
                return false;
            }
        }
        return true;
    }

    /** The values of a point's labels, {@code __name__} left for the caller (a fresh array it may keep). */
    String[] values(List<KeyValue> attributes) {
        String[] v = template.clone();
        for (int i = 0; i < attributeSlots.length; i++) {
            if (attributeSlots[i] >= 0) {
                v[attributeSlots[i]] = PrometheusValues.labelValue(attributes.get(i).getValue());
            }
        }
        return v;
    }

    LabelSet series(String[] values, String name) {
        String[] v = values.clone();
        v[nameSlot] = name;
        return LabelSet.withSharedNames(names, namesHash, v);
    }

    /** The layout of the {@code _bucket} series: these names plus {@code le} (or with an attribute {@code le} replaced). */
    LabelLayout withLe() {
        if (withLe == null) {
            int existing = Arrays.binarySearch(names, "le");
            if (existing >= 0) {
                withLe = this;
                leSlot = existing;
            } else {
                int at = -existing - 1;
                String[] n = new String[names.length + 1];
                System.arraycopy(names, 0, n, 0, at);
                n[at] = "le";
                System.arraycopy(names, at, n, at + 1, names.length - at);
                withLe = new LabelLayout(keys, n, null, null, nameSlot >= at ? nameSlot + 1 : nameSlot);
                leInsertedAt = at;
                leSlot = at;
            }
        }
        return withLe;
    }

    /** A point's values laid out for {@link #withLe()} (call that first). */
    String[] bucketValues(String[] values) {
        if (leInsertedAt < 0) {
            return values;
        }
        String[] v = new String[values.length + 1];
        System.arraycopy(values, 0, v, 0, leInsertedAt);
        System.arraycopy(values, leInsertedAt, v, leInsertedAt + 1, values.length - leInsertedAt);
        return v;
    }

    int leSlot() {
        return leSlot;
    }

    LabelSet bucket(String[] bucketValues, String name, String le) {
        LabelLayout l = withLe;
        String[] v = bucketValues.clone();
        v[l.nameSlot] = name;
        v[leSlot] = le;
        return LabelSet.withSharedNames(l.names, l.namesHash, v);
    }
}
