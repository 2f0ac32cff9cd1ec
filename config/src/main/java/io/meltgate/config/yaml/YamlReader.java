package io.meltgate.config.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one YAML document into a {@link YamlNode} tree with Jackson's streaming YAML parser. We build our own
 * tree instead of binding with Jackson's data binding because every node must keep its line and column for
 * the error messages, and the environment expansion must run on values after parsing, as the Collector's does.
 */
public final class YamlReader {

    private static final YAMLFactory FACTORY = new YAMLFactory();

    private YamlReader() {
    }

    /** The document's root node; an empty document is an empty mapping. */
    public static YamlNode read(String source, String text) throws YamlSyntaxException {
        try (YAMLParser parser = FACTORY.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return MapNode.empty(new Location(source, 1, 1));
            }
            return new Document(source, parser).readValue();
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            Location where = at == null ? new Location(source, 0, 0) : new Location(source, at.getLineNr(), at.getColumnNr());
            throw new YamlSyntaxException(oneLine(e.getOriginalMessage()), where);
        } catch (IOException e) {
            throw new YamlSyntaxException(e.getMessage(), new Location(source, 0, 0));
        }
    }

    /** One document being read: the parser and the anchors ({@code &name}) defined so far, for aliases ({@code *name}). */
    private static final class Document {
        private final String source;
        private final YAMLParser parser;
        private final Map<String, YamlNode> anchors = new HashMap<>();

        Document(String source, YAMLParser parser) {
            this.source = source;
            this.parser = parser;
        }

        YamlNode readValue() throws IOException, YamlSyntaxException {
            Location at = location(source, parser);
            JsonToken token = parser.currentToken();
            if (token == JsonToken.VALUE_STRING && parser.isCurrentAlias()) {
                YamlNode anchored = anchors.get(parser.getText());
                if (anchored == null) {
                    throw new YamlSyntaxException("alias *" + parser.getText() + " refers to no anchor defined before it", at);
                }
                return anchored;
            }
            String anchor = parser.getCurrentAnchor();
            YamlNode node = switch (token) {
                case START_OBJECT -> readMapping(at);
                case START_ARRAY -> {
                    List<YamlNode> items = new ArrayList<>();
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        items.add(readValue());
                    }
                    yield new ListNode(items, at);
                }
                case VALUE_STRING -> new ScalarNode(parser.getText(), ScalarNode.Kind.STRING, at);
                case VALUE_NUMBER_INT -> new ScalarNode(parser.getText(), ScalarNode.Kind.INT, at);
                case VALUE_NUMBER_FLOAT -> new ScalarNode(parser.getText(), ScalarNode.Kind.FLOAT, at);
                case VALUE_TRUE, VALUE_FALSE -> new ScalarNode(parser.getText(), ScalarNode.Kind.BOOL, at);
                case VALUE_NULL -> ScalarNode.nullAt(at);
                default -> throw new YamlSyntaxException("unexpected YAML token " + token, at);
            };
            if (anchor != null) {
                anchors.put(anchor, node);
            }
            return node;
        }

        private MapNode readMapping(Location at) throws IOException, YamlSyntaxException {
            Map<String, MapNode.Entry> entries = new LinkedHashMap<>();
            List<MapNode> merges = new ArrayList<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                Location keyAt = location(source, parser);
                if (entries.containsKey(key)) {
                    throw new YamlSyntaxException("key '" + key + "' is already defined at line "
                            + entries.get(key).keyLocation().line() + " of this mapping", keyAt);
                }
                parser.nextToken();
                YamlNode value = readValue();
                if (key.equals("<<")) {
                    // YAML merge key: "<<: *defaults" (or a list of aliases) copies keys this mapping does not set.
                    collectMerges(value, keyAt, merges);
                    continue;
                }
                // A value is reported at its key: an empty value has no position of its own, and a block
                // mapping or list would otherwise point at its first child, one line below its name.
                if (value instanceof ScalarNode s && s.isNull()) {
                    value = ScalarNode.nullAt(keyAt);
                } else if (value instanceof MapNode m) {
                    value = new MapNode(m.entries(), keyAt);
                } else if (value instanceof ListNode l) {
                    value = new ListNode(l.items(), keyAt);
                }
                entries.put(key, new MapNode.Entry(key, keyAt, value));
            }
            for (MapNode merged : merges) {
                for (MapNode.Entry e : merged.entries().values()) {
                    entries.putIfAbsent(e.key(), e);
                }
            }
            return new MapNode(entries, at);
        }

        private static void collectMerges(YamlNode value, Location at, List<MapNode> into) throws YamlSyntaxException {
            if (value instanceof MapNode m) {
                into.add(m);
            } else if (value instanceof ListNode l && l.items().stream().allMatch(MapNode.class::isInstance)) {
                l.items().forEach(i -> into.add((MapNode) i));
            } else {
                throw new YamlSyntaxException("the merge key '<<' needs a mapping or a list of mappings, got " + value.describe(), at);
            }
        }
    }

    /**
     * SnakeYAML's messages span several lines with a source snippet and a caret; the location is reported
     * separately, so keep the sentences only: "while parsing a flow sequence: expected ',' or ']', but got :".
     */
    static String oneLine(String message) {
        if (message == null) {
            return "syntax error";
        }
        String[] lines = message.split("\\R");
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].trim();
            if (line.matches("in '.*', line \\d+, column \\d+:")) {
                i += 2; // the snippet line and the caret line under it
                continue;
            }
            if (line.isEmpty()) {
                continue;
            }
            if (b.length() > 0) {
                b.append(": ");
            }
            b.append(line);
        }
        return b.length() == 0 ? "syntax error" : b.toString();
    }

    private static Location location(String source, JsonParser parser) {
        JsonLocation l = parser.currentTokenLocation();
        return new Location(source, l.getLineNr(), l.getColumnNr());
    }
}
