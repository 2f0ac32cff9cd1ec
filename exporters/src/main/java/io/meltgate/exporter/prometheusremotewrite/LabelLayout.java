package io.meltgate.exporter.prometheusremotewrite;

import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.Arrays;
import java.util.List;

/**
 * Where each label of a data point goes, worked out once for a resource, a scope and a sequence of attribute
 * keys, then reused for every point with the same keys: the sorted label names (with a {@code __name__} slot
 * that each series fills), a template holding the fixed values (job, instance, scope, promoted resource and external
 * labels), and for each attribute the slot its value fills, or -1 when a fixed label wins over it. This spares
 * each point the merge, the precedence rules and the sort, which dominate the conversion otherwise.
 *
 * <p>Attribute keys that collide once sanitized have no layout (their values must be joined); those points
 * take the general path.
 */
final class LabelLayout {

    final String[] keys;
    final String[] names;
    final String[] template;
    final int[] attributeSlots;

    private LabelLayout(String[] keys, String[] names, String[] template, int[] attributeSlots) {
        this.keys = keys;
        this.names = names;
        this.template = template;
        this.attributeSlots = attributeSlots;
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
        return new LabelLayout(keys, sorted, template, slots);
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
}
