package io.meltgate.config.yaml;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Merges configuration documents given in order, as the Collector merges several {@code --config} files:
 * mappings merge key by key, recursively; any other value (scalar, list) of a later document replaces the
 * earlier one whole. Every node keeps the location of the document it came from.
 */
public final class YamlMerger {

    private YamlMerger() {
    }

    public static YamlNode merge(YamlNode earlier, YamlNode later) {
        if (earlier instanceof MapNode a && later instanceof MapNode b) {
            Map<String, MapNode.Entry> out = new LinkedHashMap<>(a.entries());
            for (MapNode.Entry e : b.entries().values()) {
                MapNode.Entry old = out.get(e.key());
                YamlNode value = old == null ? e.value() : merge(old.value(), e.value());
                out.put(e.key(), new MapNode.Entry(e.key(), e.keyLocation(), value));
            }
            return new MapNode(out, a.location());
        }
        if (later instanceof ScalarNode s && s.isNull() && earlier instanceof MapNode) {
            // "otlp:" with nothing under it adds nothing to an earlier "otlp: {...}".
            return earlier;
        }
        return later;
    }
}
