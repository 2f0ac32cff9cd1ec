package io.meltgate.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The text of one configuration document and the name errors call it by (its file name). */
public record ConfigSource(String name, String text) {

    public static ConfigSource of(Path file) throws IOException {
        return new ConfigSource(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    }
}
