package io.meltgate.app;

import io.meltgate.config.ConfigException;
import io.meltgate.config.ConfigLoader;
import io.meltgate.config.ConfigSource;
import io.meltgate.config.LoadedConfig;
import io.meltgate.core.component.ComponentCatalog;
import io.meltgate.core.component.ComponentFactory;
import io.meltgate.core.component.ComponentKind;
import io.meltgate.core.signal.Signal;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;

/** The {@code meltgate} command: {@code run}, {@code validate}, {@code components}, {@code --help}, {@code --version}. */
public final class Main {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    /** The built-in pipeline {@code run} uses without {@code --config}; also what the container ships. */
    static final String DEFAULT_CONFIG_RESOURCE = "/io/meltgate/app/default-pipeline.yaml";

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(execute(args, System.out, System.err));
    }

    /** Runs one command and returns the process exit code; {@code run} returns only after the gateway stopped. */
    static int execute(String[] args, PrintStream out, PrintStream err) {
        CommandLine cli;
        try {
            cli = CommandLine.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("meltgate: " + e.getMessage());
            err.println("Run 'meltgate --help' for usage.");
            return USAGE;
        }
        ComponentCatalog catalog;
        switch (cli.command()) {
            case "help":
                out.print(CommandLine.USAGE);
                return OK;
            case "version":
                out.println("meltgate " + version());
                return OK;
            case "components":
                catalog = ComponentCatalog.load();
                out.print(components(catalog));
                return OK;
            case "validate":
                catalog = ComponentCatalog.load();
                return validate(catalog, cli.configs(), out, err);
            default:
                catalog = ComponentCatalog.load();
                return new GatewayRunner(catalog, err).run(cli.configs());
        }
    }

    private static int validate(ComponentCatalog catalog, List<Path> configs, PrintStream out, PrintStream err) {
        try {
            LoadedConfig config = load(catalog, configs);
            config.warnings().forEach(w -> err.println("warning: " + w));
            out.println("OK: " + describe(configs) + " is valid (" + config.service().pipelines().size() + " pipeline"
                    + (config.service().pipelines().size() == 1 ? "" : "s") + ")");
            return OK;
        } catch (ConfigException e) {
            printErrors(e, configs, err);
            return FAILED;
        }
    }

    /** Loads the given files, merged in order, or the built-in default when there are none. */
    static LoadedConfig load(ComponentCatalog catalog, List<Path> configs) throws ConfigException {
        ConfigLoader loader = new ConfigLoader(catalog);
        return configs.isEmpty() ? loader.load(List.of(defaultConfig())) : loader.loadFiles(configs);
    }

    static ConfigSource defaultConfig() {
        try (InputStream in = Main.class.getResourceAsStream(DEFAULT_CONFIG_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the built-in configuration " + DEFAULT_CONFIG_RESOURCE + " is missing from the jar");
            }
            return new ConfigSource("built-in default configuration", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void printErrors(ConfigException e, List<Path> configs, PrintStream err) {
        List<String> lines = e.lines();
        err.println("meltgate: " + describe(configs) + " has " + lines.size() + " error" + (lines.size() == 1 ? "" : "s") + ":");
        lines.forEach(l -> err.println("  " + l));
    }

    static String describe(List<Path> configs) {
        return configs.isEmpty() ? "the built-in default configuration"
                : configs.stream().map(Path::toString).collect(Collectors.joining(" + "));
    }

    /** Each registered type by kind, with the signals it handles. */
    static String components(ComponentCatalog catalog) {
        StringBuilder b = new StringBuilder();
        for (ComponentKind kind : ComponentKind.values()) {
            b.append(kind.section()).append(":\n");
            var all = catalog.all(kind);
            if (all.isEmpty()) {
                b.append("  (none)\n");
            }
            for (ComponentFactory<?> f : all) {
                b.append(String.format("  %-24s", f.type()));
                if (kind != ComponentKind.EXTENSION) {
                    b.append(f.signals().stream().sorted().map(Signal::yamlName).collect(Collectors.joining(", ")));
                }
                b.setLength(b.length() - (b.charAt(b.length() - 1) == ' ' ? trailingSpaces(b) : 0));
                b.append('\n');
            }
        }
        return b.toString();
    }

    private static int trailingSpaces(StringBuilder b) {
        int n = 0;
        while (n < b.length() && b.charAt(b.length() - 1 - n) == ' ') {
            n++;
        }
        return n;
    }

    static String version() {
        try (InputStream in = Main.class.getResourceAsStream("/io/meltgate/app/version.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version");
                if (v != null && !v.startsWith("${")) {
                    return v;
                }
            }
        } catch (IOException e) {
            // fall through to the manifest
        }
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
