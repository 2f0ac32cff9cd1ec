package io.meltgate.config;

import io.meltgate.config.bind.SettingsBinder;
import io.meltgate.config.expand.EnvExpander;
import io.meltgate.config.telemetry.TelemetrySettings;
import io.meltgate.config.yaml.ListNode;
import io.meltgate.config.yaml.MapNode;
import io.meltgate.config.yaml.ScalarNode;
import io.meltgate.config.yaml.YamlMerger;
import io.meltgate.config.yaml.YamlNode;
import io.meltgate.config.yaml.YamlReader;
import io.meltgate.config.yaml.YamlSyntaxException;
import io.meltgate.core.component.ComponentCatalog;
import io.meltgate.core.component.ComponentFactory;
import io.meltgate.core.component.ComponentId;
import io.meltgate.core.component.ComponentKind;
import io.meltgate.core.component.ComponentSettings;
import io.meltgate.core.pipeline.PipelineId;
import io.meltgate.core.service.ComponentSpec;
import io.meltgate.core.service.PipelineSpec;
import io.meltgate.core.service.ServiceSpec;
import io.meltgate.core.signal.Signal;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Turns one or more {@code pipeline.yaml} documents into a validated {@link ServiceSpec}, in the OpenTelemetry
 * Collector's schema. Steps: parse every document into a located node tree; merge them in order (mappings
 * deeply, later wins); expand {@code ${env:VAR}} in values; bind every component's section to its factory's
 * settings record; check the pipelines and {@code service.extensions} against what is defined. Nothing is
 * built or started here, and every problem is collected, so one {@link ConfigException} lists them all, each
 * with its YAML path and line.
 */
public final class ConfigLoader {

    private static final List<String> TOP_LEVEL = List.of("receivers", "processors", "exporters", "extensions", "connectors", "service");
    private static final List<String> SERVICE_KEYS = List.of("pipelines", "extensions", "telemetry");
    private static final List<String> PIPELINE_KEYS = List.of("receivers", "processors", "exporters", "ring_size");
    private static final int MAX_RING_SIZE = 1 << 30;

    private final ComponentCatalog catalog;
    private final Function<String, String> env;

    /** Expands references from the process environment. */
    public ConfigLoader(ComponentCatalog catalog) {
        this(catalog, System::getenv);
    }

    /** @param env looks up environment variables (null when unset); tests pass a map's {@code get} */
    public ConfigLoader(ComponentCatalog catalog, Function<String, String> env) {
        this.catalog = catalog;
        this.env = env;
    }

    /** Reads and loads files, merged in the order given. A file that cannot be read is an error like any other. */
    public LoadedConfig loadFiles(List<Path> files) throws ConfigException {
        List<ConfigSource> sources = new ArrayList<>();
        Problems problems = new Problems();
        for (Path f : files) {
            try {
                sources.add(ConfigSource.of(f));
            } catch (IOException e) {
                problems.add("", new io.meltgate.config.yaml.Location(f.toString(), 0, 0),
                        "cannot read configuration file " + f + ": " + e);
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems.errors(), true);
        }
        return load(sources);
    }

    public LoadedConfig load(List<ConfigSource> sources) throws ConfigException {
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("no configuration given");
        }
        boolean several = sources.size() > 1;
        Problems problems = new Problems();
        YamlNode merged = null;
        for (ConfigSource source : sources) {
            try {
                YamlNode root = YamlReader.read(source.name(), source.text());
                if (!(root instanceof MapNode) && !(root instanceof ScalarNode s && s.isNull())) {
                    problems.add("", root, "the configuration must be a mapping with receivers, exporters, service, ...; got "
                            + root.describe());
                    continue;
                }
                merged = merged == null ? root : YamlMerger.merge(merged, root);
            } catch (YamlSyntaxException e) {
                problems.add("", e.location(), "invalid YAML: " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems.errors(), several);
        }
        List<String> warnings = new ArrayList<>();
        YamlNode expanded = new EnvExpander(env, problems, warnings).expand(merged, "");
        MapNode root = expanded instanceof MapNode m ? m : MapNode.empty(expanded.location());
        ServiceSpec spec = null;
        TelemetrySettings telemetry = null;
        try {
            Resolution r = new Resolution(problems);
            r.resolve(root);
            spec = r.spec;
            telemetry = r.telemetry;
        } catch (RuntimeException e) {
            problems.add("", root, "internal error while reading the configuration: " + e);
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems.errors(), several);
        }
        return new LoadedConfig(spec, telemetry, warnings);
    }

    /** One pass over the merged, expanded tree. */
    private final class Resolution {

        private final Problems problems;
        private final SettingsBinder binder;
        private final Map<ComponentKind, Map<ComponentId, ComponentSpec>> components = new EnumMap<>(ComponentKind.class);
        /** Ids written in a section whose type is unknown or whose settings failed: references to them are not re-reported. */
        private final Map<ComponentKind, Set<ComponentId>> broken = new EnumMap<>(ComponentKind.class);
        private ServiceSpec spec;
        private TelemetrySettings telemetry;

        Resolution(Problems problems) {
            this.problems = problems;
            this.binder = new SettingsBinder(problems);
            for (ComponentKind k : ComponentKind.values()) {
                components.put(k, new LinkedHashMap<>());
                broken.put(k, new LinkedHashSet<>());
            }
        }

        void resolve(MapNode root) {
            for (MapNode.Entry e : root.entries().values()) {
                if (!TOP_LEVEL.contains(e.key())) {
                    problems.add(e.key(), e.keyLocation(), "unknown top-level section '" + e.key() + "'; valid sections: "
                            + String.join(", ", TOP_LEVEL));
                }
            }
            YamlNode connectors = root.get("connectors");
            if (connectors != null && !isEmpty(connectors)) {
                problems.add("connectors", connectors, "connectors are not supported by meltgate; "
                        + "join pipelines by sending to another meltgate or use one pipeline per signal");
            }
            for (ComponentKind kind : ComponentKind.values()) {
                readComponents(kind, root.get(kind.section()));
            }
            YamlNode service = root.get("service");
            if (service == null || isEmpty(service)) {
                problems.add("service", service == null ? root : service, "missing 'service' with at least one pipeline");
                return;
            }
            if (!(service instanceof MapNode s)) {
                problems.add("service", service, "expected a mapping with pipelines, extensions and telemetry, got " + service.describe());
                return;
            }
            for (MapNode.Entry e : s.entries().values()) {
                if (!SERVICE_KEYS.contains(e.key())) {
                    problems.add("service::" + e.key(), e.keyLocation(), "unknown option '" + e.key()
                            + "'; valid options here: " + String.join(", ", SERVICE_KEYS));
                }
            }
            List<PipelineSpec> pipelines = readPipelines(s.get("pipelines"), s);
            List<ComponentId> enabledExtensions = readServiceExtensions(s.get("extensions"));
            telemetry = binder.bindSettings(TelemetrySettings.class, s.get("telemetry"), TelemetrySettings.defaults(),
                    "service::telemetry");
            if (problems.isEmpty()) {
                spec = new ServiceSpec(components.get(ComponentKind.RECEIVER), components.get(ComponentKind.PROCESSOR),
                        components.get(ComponentKind.EXPORTER), components.get(ComponentKind.EXTENSION),
                        enabledExtensions, pipelines, telemetry.toSpec(), ServiceSpec.DEFAULT_SHUTDOWN_TIMEOUT);
            }
        }

        private void readComponents(ComponentKind kind, YamlNode section) {
            if (section == null || isEmpty(section)) {
                return;
            }
            String sectionName = kind.section();
            if (!(section instanceof MapNode map)) {
                problems.add(sectionName, section, "expected a mapping of " + kind.singular() + " ids to their settings, got "
                        + section.describe());
                return;
            }
            for (MapNode.Entry e : map.entries().values()) {
                String path = sectionName + "::" + e.key();
                ComponentId id;
                try {
                    id = ComponentId.parse(e.key());
                } catch (IllegalArgumentException ex) {
                    problems.add(path, e.keyLocation(), ex.getMessage());
                    continue;
                }
                var factory = catalog.find(kind, id.type());
                if (factory.isEmpty()) {
                    broken.get(kind).add(id);
                    problems.add(path, e.keyLocation(), "unknown " + kind.singular() + " type '" + id.type() + "'; known "
                            + kind.section() + ": " + known(kind));
                    continue;
                }
                int before = problems.size();
                ComponentSettings settings = bind(factory.get(), e.value(), path);
                if (problems.size() > before) {
                    broken.get(kind).add(id);
                    continue;
                }
                components.get(kind).put(id, new ComponentSpec(id, factory.get(), settings));
            }
        }

        private <S extends ComponentSettings> S bind(ComponentFactory<S> factory, YamlNode node, String path) {
            return binder.bindSettings(factory.settingsType(), node, factory.defaultSettings(), path);
        }

        private List<PipelineSpec> readPipelines(YamlNode node, MapNode service) {
            List<PipelineSpec> out = new ArrayList<>();
            if (node == null || isEmpty(node)) {
                problems.add("service::pipelines", node == null ? service : node, "at least one pipeline is required");
                return out;
            }
            if (!(node instanceof MapNode pipelines)) {
                problems.add("service::pipelines", node, "expected a mapping of pipeline ids (traces, metrics/name, ...), got "
                        + node.describe());
                return out;
            }
            for (MapNode.Entry e : pipelines.entries().values()) {
                String path = "service::pipelines::" + e.key();
                PipelineId id;
                try {
                    id = PipelineId.parse(e.key());
                } catch (IllegalArgumentException ex) {
                    problems.add(path, e.keyLocation(), ex.getMessage());
                    continue;
                }
                if (!(e.value() instanceof MapNode p)) {
                    problems.add(path, e.value(), "expected a mapping with receivers, processors and exporters, got "
                            + e.value().describe());
                    continue;
                }
                for (MapNode.Entry k : p.entries().values()) {
                    if (!PIPELINE_KEYS.contains(k.key())) {
                        problems.add(path + "::" + k.key(), k.keyLocation(), "unknown option '" + k.key()
                                + "'; valid options here: " + String.join(", ", PIPELINE_KEYS));
                    }
                }
                List<ComponentId> receivers = references(ComponentKind.RECEIVER, id, p, path);
                List<ComponentId> processors = references(ComponentKind.PROCESSOR, id, p, path);
                List<ComponentId> exporters = references(ComponentKind.EXPORTER, id, p, path);
                if (isEmpty(p.get("receivers"))) {
                    problems.add(path + "::receivers", p.has("receivers") ? p.get("receivers") : e.value(),
                            "pipeline " + id + " must have at least one receiver");
                }
                if (isEmpty(p.get("exporters"))) {
                    problems.add(path + "::exporters", p.has("exporters") ? p.get("exporters") : e.value(),
                            "pipeline " + id + " must have at least one exporter");
                }
                int ringSize = ringSize(p.get("ring_size"), path + "::ring_size");
                out.add(new PipelineSpec(id, receivers, processors, exporters, ringSize));
            }
            return out;
        }

        private List<ComponentId> references(ComponentKind kind, PipelineId pipeline, MapNode p, String pipelinePath) {
            String key = kind.section();
            String path = pipelinePath + "::" + key;
            YamlNode node = p.get(key);
            List<ComponentId> out = new ArrayList<>();
            if (node == null || isEmpty(node)) {
                return out;
            }
            if (!(node instanceof ListNode list)) {
                problems.add(path, node, "expected a list of " + kind.singular() + " ids, got " + node.describe());
                return out;
            }
            for (int i = 0; i < list.items().size(); i++) {
                YamlNode item = list.items().get(i);
                String itemPath = path + "[" + i + "]";
                if (!(item instanceof ScalarNode s) || s.isNull()) {
                    problems.add(itemPath, item, "expected a " + kind.singular() + " id, got " + item.describe());
                    continue;
                }
                ComponentId id;
                try {
                    id = ComponentId.parse(s.text());
                } catch (IllegalArgumentException ex) {
                    problems.add(itemPath, item, ex.getMessage());
                    continue;
                }
                if (out.contains(id)) {
                    problems.add(itemPath, item, "pipeline " + pipeline + " lists " + kind.singular() + " '" + id + "' more than once");
                    continue;
                }
                ComponentSpec c = components.get(kind).get(id);
                if (c == null) {
                    if (!broken.get(kind).contains(id)) {
                        problems.add(itemPath, item, "pipeline " + pipeline + " references " + kind.singular() + " '" + id
                                + "', which is not defined under '" + kind.section() + "'" + definedHint(kind));
                    }
                    continue;
                }
                if (!c.factory().signals().contains(pipeline.signal())) {
                    problems.add(itemPath, item, kind.singular() + " '" + id + "' does not support " + pipeline.signal()
                            + " (type " + id.type() + " supports " + signals(c.factory().signals()) + ")");
                    continue;
                }
                out.add(id);
            }
            return out;
        }

        private int ringSize(YamlNode node, String path) {
            if (node == null || (node instanceof ScalarNode s && s.isNull())) {
                return PipelineSpec.DEFAULT_RING_SIZE;
            }
            Object value = binder.bind(int.class, node, PipelineSpec.DEFAULT_RING_SIZE, path);
            int size = (Integer) value;
            if (size <= 0 || Integer.bitCount(size) != 1 || size > MAX_RING_SIZE) {
                problems.add(path, node, "ring_size must be a power of two between 1 and " + MAX_RING_SIZE + " (e.g. 1024, 4096), got "
                        + ((ScalarNode) node).text());
            }
            return size;
        }

        private List<ComponentId> readServiceExtensions(YamlNode node) {
            List<ComponentId> out = new ArrayList<>();
            if (node == null || isEmpty(node)) {
                return out;
            }
            if (!(node instanceof ListNode list)) {
                problems.add("service::extensions", node, "expected a list of extension ids, got " + node.describe());
                return out;
            }
            for (int i = 0; i < list.items().size(); i++) {
                YamlNode item = list.items().get(i);
                String path = "service::extensions[" + i + "]";
                if (!(item instanceof ScalarNode s) || s.isNull()) {
                    problems.add(path, item, "expected an extension id, got " + item.describe());
                    continue;
                }
                ComponentId id;
                try {
                    id = ComponentId.parse(s.text());
                } catch (IllegalArgumentException ex) {
                    problems.add(path, item, ex.getMessage());
                    continue;
                }
                if (out.contains(id)) {
                    problems.add(path, item, "extension '" + id + "' is listed more than once");
                } else if (!components.get(ComponentKind.EXTENSION).containsKey(id)) {
                    if (!broken.get(ComponentKind.EXTENSION).contains(id)) {
                        problems.add(path, item, "service.extensions references extension '" + id
                                + "', which is not defined under 'extensions'" + definedHint(ComponentKind.EXTENSION));
                    }
                } else {
                    out.add(id);
                }
            }
            return out;
        }

        private String definedHint(ComponentKind kind) {
            Set<ComponentId> defined = components.get(kind).keySet();
            return defined.isEmpty() ? "" : " (defined: " + defined.stream().map(ComponentId::toString)
                    .collect(Collectors.joining(", ")) + ")";
        }
    }

    private String known(ComponentKind kind) {
        var all = catalog.all(kind);
        return all.isEmpty() ? "none" : all.stream().map(ComponentFactory::type).collect(Collectors.joining(", "));
    }

    private static String signals(Set<Signal> signals) {
        return signals.isEmpty() ? "no signal" : signals.stream().sorted().map(Signal::yamlName).collect(Collectors.joining(", "));
    }

    private static boolean isEmpty(YamlNode node) {
        return node == null
                || node instanceof ScalarNode s && s.isNull()
                || node instanceof MapNode m && m.entries().isEmpty()
                || node instanceof ListNode l && l.items().isEmpty();
    }
}
