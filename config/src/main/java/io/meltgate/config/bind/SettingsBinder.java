package io.meltgate.config.bind;

import io.meltgate.config.Problems;
import io.meltgate.config.yaml.ListNode;
import io.meltgate.config.yaml.MapNode;
import io.meltgate.config.yaml.ScalarNode;
import io.meltgate.config.yaml.YamlNode;
import io.meltgate.core.component.ComponentSettings;
import io.meltgate.core.component.YamlKey;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Binds a YAML section onto a settings record by reflection, with the rules every component's settings follow:
 * <ul>
 *   <li>each record component binds the snake_case of its name ({@code sendBatchSize} from
 *       {@code send_batch_size}), or the key its {@link YamlKey} names;</li>
 *   <li>types: String, boolean, int, long, double, float (and boxed), {@link Duration} in Go syntax, enums
 *       (case-insensitive, {@code -} as {@code _}), {@code List<T>}, {@code Set<T>}, {@code Map<String, T>},
 *       nested records, and {@code Object} for free-form values (String, Long, Double, Boolean, List, Map);</li>
 *   <li>an absent key (or an explicit null) keeps the default; a nested record is bound over the default's
 *       value, or over its type's {@code public static T defaults()} when that is null (else over all-zero
 *       fields); elements of lists and maps of records start from {@code defaults()} the same way;</li>
 *   <li>unknown keys, wrong types, constructor failures and every {@link ComponentSettings#validate()} problem
 *       are reported to {@link Problems} with their YAML path and line; binding goes on, so all are found.</li>
 * </ul>
 */
public final class SettingsBinder {

    private final Problems problems;

    public SettingsBinder(Problems problems) {
        this.problems = problems;
    }

    /**
     * Binds a component's whole section (null or absent means "all defaults") and validates the result.
     *
     * @return the bound settings; on errors, the best-effort value (the caller must check {@link Problems})
     */
    public <T> T bindSettings(Class<T> type, YamlNode node, T defaults, String path) {
        Object bound = bind(type, node, defaults, path);
        if (bound instanceof ComponentSettings s && !(node instanceof MapNode)) {
            // A present mapping was validated while binding; an absent section still gets its defaults checked.
            validate(s, type, null, node, path);
        }
        return type.cast(bound);
    }

    /** Binds {@code node} as a {@code type}, starting from {@code current}; returns {@code current} on error. */
    public Object bind(Type type, YamlNode node, Object current, String path) {
        if (node == null || (node instanceof ScalarNode s && s.isNull())) {
            return current;
        }
        Class<?> raw = rawClass(type);
        try {
            if (raw == Object.class) {
                return plain(node);
            }
            if (raw.isRecord()) {
                return bindRecord(raw, node, current, path);
            }
            if (raw == List.class || raw == Set.class) {
                return bindCollection(raw, typeArgument(type, 0), node, path);
            }
            if (raw == Map.class) {
                if (rawClass(typeArgument(type, 0)) != String.class) {
                    throw new IllegalStateException("map keys must be String in " + type);
                }
                return bindMap(typeArgument(type, 1), node, path);
            }
            return bindScalar(raw, node, path);
        } catch (BindException e) {
            problems.add(path, node, e.getMessage());
            return current;
        }
    }

    private Object bindRecord(Class<?> type, YamlNode node, Object current, String path) throws BindException {
        if (!(node instanceof MapNode map)) {
            throw new BindException("expected a mapping of options, got " + node.describe() + shown(node));
        }
        Object base = current != null ? current : recordDefaults(type);
        RecordComponent[] components = type.getRecordComponents();
        Map<String, RecordComponent> byKey = new LinkedHashMap<>();
        for (RecordComponent c : components) {
            byKey.put(yamlKey(c), c);
        }
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            values[i] = base == null ? zero(components[i].getType()) : read(components[i], base);
        }
        int errorsBefore = problems.size();
        for (MapNode.Entry e : map.entries().values()) {
            RecordComponent c = byKey.get(e.key());
            String childPath = Problems.child(path, e.key());
            if (c == null) {
                problems.add(childPath, e.keyLocation(), "unknown option '" + e.key() + "'; valid options here: "
                        + String.join(", ", byKey.keySet()));
                continue;
            }
            int index = List.of(components).indexOf(c);
            values[index] = bind(c.getGenericType(), e.value(), values[index], childPath);
        }
        if (problems.size() > errorsBefore) {
            return current;
        }
        Object record = construct(type, components, values, map, path);
        if (record instanceof ComponentSettings s) {
            validate(s, type, map, node, path);
        }
        return record;
    }

    private void validate(ComponentSettings settings, Class<?> type, MapNode map, YamlNode node, String path) {
        List<String> found;
        try {
            found = settings.validate();
        } catch (RuntimeException e) {
            problems.add(path, node, "invalid settings: " + e.getMessage());
            return;
        }
        for (String problem : found) {
            // A problem that starts with an option's name points at that option, when the YAML sets it.
            String key = null;
            for (RecordComponent c : type.getRecordComponents()) {
                String k = yamlKey(c);
                if ((problem.startsWith(k + " ") || problem.startsWith(k + ":") || problem.startsWith(k + "."))
                        && (key == null || k.length() > key.length())) {
                    key = k;
                }
            }
            if (key != null && map != null && map.has(key)) {
                problems.add(Problems.child(path, key), map.get(key).location(), problem);
            } else {
                problems.add(path, node == null ? null : node.location(), problem);
            }
        }
    }

    private Object construct(Class<?> type, RecordComponent[] components, Object[] values, YamlNode node, String path)
            throws BindException {
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
        }
        try {
            Constructor<?> ctor = type.getDeclaredConstructor(types);
            ctor.setAccessible(true);
            return ctor.newInstance(values);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw new BindException(cause.getMessage() == null ? cause.toString() : cause.getMessage());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot construct settings record " + type.getName(), e);
        }
    }

    /** The starting point of a record no default gives: its {@code defaults()}, or null (all-zero fields). */
    static Object recordDefaults(Class<?> type) {
        try {
            Method m = type.getDeclaredMethod("defaults");
            if (Modifier.isStatic(m.getModifiers()) && type.isAssignableFrom(m.getReturnType()) && m.getParameterCount() == 0) {
                m.setAccessible(true);
                return m.invoke(null);
            }
        } catch (NoSuchMethodException e) {
            return null;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot call " + type.getName() + ".defaults()", e);
        }
        return null;
    }

    private static Object read(RecordComponent c, Object record) {
        try {
            Method accessor = c.getAccessor();
            accessor.setAccessible(true);
            return accessor.invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + c.getName(), e);
        }
    }

    private static Object zero(Class<?> t) {
        if (!t.isPrimitive()) {
            return null;
        }
        if (t == boolean.class) {
            return false;
        }
        if (t == int.class) {
            return 0;
        }
        if (t == long.class) {
            return 0L;
        }
        if (t == double.class) {
            return 0.0;
        }
        if (t == float.class) {
            return 0.0f;
        }
        throw new IllegalStateException("unsupported primitive " + t);
    }

    private Object bindCollection(Class<?> raw, Type elementType, YamlNode node, String path) throws BindException {
        if (!(node instanceof ListNode list)) {
            throw new BindException("expected a list, got " + node.describe() + shown(node));
        }
        Object elementDefault = rawClass(elementType).isRecord() ? recordDefaults(rawClass(elementType)) : null;
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < list.items().size(); i++) {
            YamlNode item = list.items().get(i);
            out.add(bind(elementType, item, elementDefault, path + "[" + i + "]"));
        }
        return raw == Set.class ? Collections.unmodifiableSet(new LinkedHashSet<>(out)) : Collections.unmodifiableList(out);
    }

    private Object bindMap(Type valueType, YamlNode node, String path) throws BindException {
        if (!(node instanceof MapNode map)) {
            throw new BindException("expected a mapping, got " + node.describe() + shown(node));
        }
        Object valueDefault = rawClass(valueType).isRecord() ? recordDefaults(rawClass(valueType)) : null;
        Map<String, Object> out = new LinkedHashMap<>();
        for (MapNode.Entry e : map.entries().values()) {
            out.put(e.key(), bind(valueType, e.value(), valueDefault, Problems.child(path, e.key())));
        }
        return Collections.unmodifiableMap(out);
    }

    private static Object bindScalar(Class<?> type, YamlNode node, String path) throws BindException {
        if (!(node instanceof ScalarNode s)) {
            throw new BindException("expected " + expected(type) + ", got " + node.describe());
        }
        String text = s.text().trim();
        if (type == String.class) {
            return s.text();
        }
        if (type == boolean.class || type == Boolean.class) {
            // YAML 1.1 spellings (yes/no/on/off) are accepted for booleans, as Go's YAML library accepts them.
            String b = text.toLowerCase(Locale.ROOT);
            if (b.equals("true") || s.kind() == ScalarNode.Kind.BOOL && (b.equals("yes") || b.equals("on") || b.equals("y"))) {
                return true;
            }
            if (b.equals("false") || s.kind() == ScalarNode.Kind.BOOL && (b.equals("no") || b.equals("off") || b.equals("n"))) {
                return false;
            }
            throw new BindException("expected a boolean (true or false), got " + s.describe() + shown(s));
        }
        if (type == int.class || type == Integer.class) {
            long v = parseLong(s);
            if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                throw new BindException("value " + text + " is out of range for this option (at most " + Integer.MAX_VALUE + ")");
            }
            return (int) v;
        }
        if (type == long.class || type == Long.class) {
            return parseLong(s);
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
            if (s.kind() == ScalarNode.Kind.BOOL) {
                throw new BindException("expected a number, got " + s.describe() + shown(s));
            }
            try {
                double d = Double.parseDouble(text.replace("_", ""));
                return type == float.class || type == Float.class ? (Object) (float) d : (Object) d;
            } catch (NumberFormatException e) {
                throw new BindException("expected a number, got " + s.describe() + shown(s));
            }
        }
        if (type == Duration.class) {
            if (s.kind() == ScalarNode.Kind.BOOL || s.kind() == ScalarNode.Kind.FLOAT) {
                throw new BindException("expected a duration such as 200ms, 5s or 1m30s, got " + s.describe() + shown(s));
            }
            try {
                return GoDuration.parse(text);
            } catch (IllegalArgumentException e) {
                throw new BindException(e.getMessage());
            }
        }
        if (type.isEnum()) {
            String wanted = text.replace('-', '_');
            for (Object constant : type.getEnumConstants()) {
                if (((Enum<?>) constant).name().equalsIgnoreCase(wanted)) {
                    return constant;
                }
            }
            List<String> allowed = new ArrayList<>();
            for (Object constant : type.getEnumConstants()) {
                allowed.add(((Enum<?>) constant).name().toLowerCase(Locale.ROOT).replace('_', '-'));
            }
            throw new BindException("invalid value '" + text + "'; expected one of: " + String.join(", ", allowed));
        }
        throw new IllegalStateException("settings type " + type.getName() + " is not supported by the binder (" + path + ")");
    }

    private static long parseLong(ScalarNode s) throws BindException {
        if (s.kind() == ScalarNode.Kind.BOOL || s.kind() == ScalarNode.Kind.FLOAT) {
            throw new BindException("expected an integer, got " + s.describe() + shown(s));
        }
        try {
            return integer(s.text());
        } catch (NumberFormatException e) {
            throw new BindException("expected an integer, got " + s.describe() + shown(s));
        }
    }

    /** A YAML integer: decimal, {@code 0x} hexadecimal or {@code 0o} octal, with optional {@code _} separators. */
    private static long integer(String raw) {
        String text = raw.trim().replace("_", "");
        boolean negative = text.startsWith("-");
        String digits = negative || text.startsWith("+") ? text.substring(1) : text;
        long value;
        if (digits.startsWith("0x") || digits.startsWith("0X")) {
            value = Long.parseLong(digits.substring(2), 16);
        } else if (digits.startsWith("0o") || digits.startsWith("0O")) {
            value = Long.parseLong(digits.substring(2), 8);
        } else {
            value = Long.parseLong(digits);
        }
        return negative ? -value : value;
    }

    /** A free-form value: String, Long, Double, Boolean, List, Map (insertion-ordered) or null. */
    public static Object plain(YamlNode node) {
        if (node instanceof MapNode m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.entries().values().forEach(e -> out.put(e.key(), plain(e.value())));
            return Collections.unmodifiableMap(out);
        }
        if (node instanceof ListNode l) {
            List<Object> out = new ArrayList<>();
            l.items().forEach(i -> out.add(plain(i)));
            return Collections.unmodifiableList(out);
        }
        ScalarNode s = (ScalarNode) node;
        try {
            return switch (s.kind()) {
                case NULL -> null;
                // Only true/false are booleans in a free-form value (YAML 1.2, as Go's YAML library reads "yes").
                case BOOL -> s.text().trim().equalsIgnoreCase("true") ? Boolean.TRUE
                        : s.text().trim().equalsIgnoreCase("false") ? (Object) Boolean.FALSE : s.text();
                case INT -> integer(s.text());
                case FLOAT -> Double.parseDouble(s.text().trim().replace("_", ""));
                case STRING -> s.text();
            };
        } catch (NumberFormatException e) {
            return s.text();
        }
    }

    /** The YAML key of a record component: its {@link YamlKey}, else the snake_case of its name. */
    public static String yamlKey(RecordComponent c) {
        YamlKey k = c.getAnnotation(YamlKey.class);
        return k != null ? k.value() : snakeCase(c.getName());
    }

    public static String snakeCase(String camel) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < camel.length(); i++) {
            char ch = camel.charAt(i);
            if (Character.isUpperCase(ch)) {
                if (i > 0) {
                    b.append('_');
                }
                b.append(Character.toLowerCase(ch));
            } else {
                b.append(ch);
            }
        }
        return b.toString();
    }

    /** Every YAML key a settings record (and its nested records) accepts, for documentation and tests. */
    public static Set<String> keysOf(Class<?> record) {
        Set<String> out = new TreeSet<>();
        for (RecordComponent c : record.getRecordComponents()) {
            out.add(yamlKey(c));
        }
        return out;
    }

    private static String expected(Class<?> type) {
        if (type == String.class) {
            return "a string";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "a boolean";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "an integer";
        }
        if (type == Duration.class) {
            return "a duration such as 5s";
        }
        if (type.isEnum()) {
            return "one of " + List.of(type.getEnumConstants()).toString().toLowerCase(Locale.ROOT);
        }
        return "a number";
    }

    private static String shown(YamlNode node) {
        return node instanceof ScalarNode s && !s.isNull() ? " '" + s.text() + "'" : "";
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        if (type instanceof WildcardType w) {
            return rawClass(w.getUpperBounds()[0]);
        }
        throw new IllegalStateException("unsupported settings type " + type);
    }

    private static Type typeArgument(Type type, int index) {
        if (type instanceof ParameterizedType p) {
            return p.getActualTypeArguments()[index];
        }
        return Object.class;
    }

    /** A value that cannot be bound; becomes one reported problem. */
    private static final class BindException extends Exception {
        BindException(String message) {
            super(message);
        }
    }
}
