package io.meltgate.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The parsed command line: {@code meltgate [run|validate|components] [--config FILE]... [--help] [--version]}.
 * As with otelcol, {@code --config} without a command means {@code run}.
 */
record CommandLine(String command, List<Path> configs) {

    static final List<String> COMMANDS = List.of("run", "validate", "components", "help", "version");

    static final String USAGE = """
            Usage: meltgate [command] [--config FILE]...

            A telemetry gateway in the style of the OpenTelemetry Collector: OTLP in, pipelines from
            pipeline.yaml, exporters out.

            Commands:
              run          run the gateway (the default); without --config, the built-in pipeline:
                           OTLP on 0.0.0.0:4317 (gRPC) and 0.0.0.0:4318 (HTTP) -> batch -> debug,
                           health on 0.0.0.0:13133, self-metrics on 0.0.0.0:8888
              validate     check the configuration without starting anything; exit 0 when valid,
                           else print every error with its YAML path and line and exit 1
              components   list the component types of this build, by kind, with their signals

            Options:
              --config FILE   a pipeline.yaml in the OpenTelemetry Collector's schema; repeat it to merge
                              several files in order (mappings merge deeply, later files win)
              -h, --help      print this help
              -v, --version   print the version

            Exit codes: 0 success or clean stop (SIGTERM/SIGINT), 1 invalid configuration or start
            failure, 2 usage error.
            """;

    /** Parses; throws IllegalArgumentException with a message for the user on bad usage. */
    static CommandLine parse(String[] args) {
        String command = null;
        List<Path> configs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--config") || a.equals("-c")) {
                if (i + 1 >= args.length || args[i + 1].isBlank()) {
                    throw new IllegalArgumentException(a + " needs a file name");
                }
                configs.add(Path.of(args[++i]));
            } else if (a.startsWith("--config=")) {
                String file = a.substring("--config=".length());
                if (file.isBlank()) {
                    throw new IllegalArgumentException("--config needs a file name");
                }
                configs.add(Path.of(file));
            } else if (a.equals("--help") || a.equals("-h")) {
                command = "help";
            } else if (a.equals("--version") || a.equals("-v")) {
                command = command == null || !command.equals("help") ? "version" : command;
            } else if (a.startsWith("-")) {
                throw new IllegalArgumentException("unknown option " + a);
            } else if (command == null && COMMANDS.contains(a)) {
                command = a;
            } else {
                throw new IllegalArgumentException(command == null ? "unknown command " + a : "unexpected argument " + a);
            }
        }
        return new CommandLine(command == null ? "run" : command, List.copyOf(configs));
    }
}
