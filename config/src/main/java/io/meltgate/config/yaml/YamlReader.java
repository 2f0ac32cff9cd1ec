package io.meltgate.config.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
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
        try (JsonParser parser = FACTORY.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return MapNode.empty(new Location(source, 1, 1));
            }
            return readValue(source, parser);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            Location where = at == null ? new Location(source, 0, 0) : new Location(source, at.getLineNr(), at.getColumnNr());
            throw new YamlSyntaxException(oneLine(e.getOriginalMessage()), where);
        } catch (IOException e) {
            throw new YamlSyntaxException(e.getMessage(), new Location(source, 0, 0));
        }
    }

    private static YamlNode readValue(String source, JsonParser parser) throws IOException, YamlSyntaxException {
        Location at = location(source, parser);
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT: {
                Map<String, MapNode.Entry> entries = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    Location keyAt = location(source, parser);
                    if (entries.containsKey(key)) {
                        throw new YamlSyntaxException("key '" + key + "' is already defined at line "
                                + entries.get(key).keyLocation().line() + " of this mapping", keyAt);
                    }
                    parser.nextToken();
                    YamlNode value = readValue(source, parser);
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
                return new MapNode(entries, at);
            }
            case START_ARRAY: {
                List<YamlNode> items = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    items.add(readValue(source, parser));
                }
                return new ListNode(items, at);
            }
            case VALUE_STRING:
                return new ScalarNode(parser.getText(), ScalarNode.Kind.STRING, at);
            case VALUE_NUMBER_INT:
                return new ScalarNode(parser.getText(), ScalarNode.Kind.INT, at);
            case VALUE_NUMBER_FLOAT:
                return new ScalarNode(parser.getText(), ScalarNode.Kind.FLOAT, at);
            case VALUE_TRUE:
            case VALUE_FALSE:
                return new ScalarNode(parser.getText(), ScalarNode.Kind.BOOL, at);
            case VALUE_NULL:
                return ScalarNode.nullAt(at);
            default:
                throw new YamlSyntaxException("unexpected YAML token " + token, at);
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
