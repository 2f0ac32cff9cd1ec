package io.meltgate.bench.sink;

import io.meltgate.bench.Durations;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The command line the sinks share: {@code --host}, the port of the protocol they take, {@code --http-port} (for
 * {@code GET /count}), {@code --report-every}; then the start line {@code run.sh} waits for and the periodic counts.
 */
record SinkCommandLine(String host, int port, int httpPort, Duration reportEvery) {

    /**
     * @param portOption the protocol's port option without dashes, e.g. {@code grpc-port}
     */
    static SinkCommandLine parse(String[] args, String sinkName, String portOption, int defaultPort) {
        String host = "127.0.0.1";
        int port = defaultPort;
        int httpPort = 0;
        Duration reportEvery = Duration.ZERO;
        if (args.length % 2 != 0) {
            usage(sinkName, portOption, defaultPort);
        }
        for (int i = 0; i + 1 < args.length; i += 2) {
            String value = args[i + 1];
            if (args[i].equals("--host")) {
                host = value;
            } else if (args[i].equals("--" + portOption)) {
                port = Integer.parseInt(value);
            } else if (args[i].equals("--http-port")) {
                httpPort = Integer.parseInt(value);
            } else if (args[i].equals("--report-every")) {
                reportEvery = Durations.parse(value);
            } else {
                usage(sinkName, portOption, defaultPort);
            }
        }
        return new SinkCommandLine(host, port, httpPort, reportEvery);
    }

    private static void usage(String sinkName, String portOption, int defaultPort) {
        System.err.println("usage: " + sinkName + " [--host 127.0.0.1] [--" + portOption + " " + defaultPort
                + "|0] [--http-port 0] [--report-every 5s]");
        System.exit(2);
    }

    /** Prints the bound ports as one JSON line, then the counts every {@link #reportEvery} (never when zero). */
    void announceAndReport(String portKey, int boundPort, int boundHttpPort, Supplier<SinkCounts> counts)
            throws InterruptedException {
        System.out.println("{\"sink\":\"started\",\"" + portKey + "\":" + boundPort + ",\"http_port\":" + boundHttpPort + "}");
        System.out.flush();
        while (true) {
            if (reportEvery.isZero()) {
                Thread.sleep(Long.MAX_VALUE);
            }
            Thread.sleep(reportEvery.toMillis());
            System.out.println(counts.get().toJson());
            System.out.flush();
        }
    }
}
