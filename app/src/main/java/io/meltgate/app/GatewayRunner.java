package io.meltgate.app;

import io.meltgate.config.ConfigException;
import io.meltgate.config.LoadedConfig;
import io.meltgate.core.component.ComponentCatalog;
import io.meltgate.core.service.Service;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The {@code run} command: load and validate the configuration, build and start the service, wait for
 * SIGTERM or SIGINT, stop gracefully (receivers, rings, batches, sending queues) and report the exit code.
 */
final class GatewayRunner {

    private static final Logger LOG = Logger.getLogger(GatewayRunner.class.getName());

    private final ComponentCatalog catalog;
    private final PrintStream err;

    GatewayRunner(ComponentCatalog catalog, PrintStream err) {
        this.catalog = catalog;
        this.err = err;
    }

    int run(List<Path> configs) {
        Logging.installDefault();
        LoadedConfig config;
        try {
            config = Main.load(catalog, configs);
        } catch (ConfigException e) {
            Main.printErrors(e, configs, err);
            return Main.FAILED;
        }
        Logging.configure(config.telemetry().logs(), config.telemetry().resource());
        config.warnings().forEach(LOG::warning);
        LOG.info("meltgate " + Main.version() + " starting with " + Main.describe(configs));
        Service service;
        try {
            service = Service.build(config.service());
        } catch (Exception e) {
            return startFailed(e);
        }
        // A backstop for exits we do not control (SIGHUP, System.exit elsewhere); stop() is idempotent.
        Thread hook = new Thread(service::stop, "meltgate-shutdown-hook");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            service.start();
        } catch (Exception e) {
            return startFailed(e);
        }
        ShutdownSignals signals = ShutdownSignals.install();
        try {
            String signal = signals.await();
            LOG.info("received " + signal + "; stopping gracefully");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.info("interrupted; stopping gracefully");
        }
        service.stop();
        return Main.OK;
    }

    private int startFailed(Exception e) {
        LOG.log(Level.FINE, "start failed", e);
        String reason = describe(e);
        err.println(reason.startsWith("cannot start") ? "meltgate: " + reason : "meltgate: cannot start: " + reason);
        return Main.FAILED;
    }

    /** The messages of an exception and its causes, without repeating one already contained in the previous. */
    static String describe(Throwable e) {
        Set<String> parts = new LinkedHashSet<>();
        String last = "";
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
            if (!last.contains(m)) {
                parts.add(m);
            }
            last = m;
        }
        return String.join(": ", parts);
    }
}
