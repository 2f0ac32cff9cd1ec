#!/usr/bin/env bash
# End-to-end benchmark of meltgate on loopback:
#
#   LoadGenerator --OTLP/gRPC--> meltgate (otlp receiver -> batch -> otlp exporter) --OTLP/gRPC--> OtlpSink
#
# For traces, metrics and logs it reports:
#   - max sustained items/s with nothing lost: as fast as a bounded number of in-flight requests allows,
#     then, after a drain, the sink's count must equal what the gateway accepted;
#   - CPU-seconds of the gateway per million items at a fixed rate (utime+stime from /proc/<pid>/stat);
#   - p50/p99 request latency at that rate (as the load generator sees it);
#   - peak RSS of the gateway (VmHWM from /proc/<pid>/status).
#
# Every port is a free one from the OS, so it runs beside other gateways. Everything it starts is stopped on
# exit (trap); every step is bounded in time. Knobs (environment, defaults in brackets):
#   SIGNALS ["traces metrics logs"]   BATCH [100] items per request   CONCURRENCY [16] requests in flight
#   MAX_SECONDS [15] length of each as-fast run   FIXED_RATE [20000] items/s   FIXED_SECONDS [20]
#   FIXED_CONCURRENCY [64] in-flight limit of the fixed-rate run, high so that slow answers do not lower the
#                          offered rate (the schedule is open-loop; skipped slots are reported)
#   WARMUP_SECONDS [10] per signal, as fast as allowed, before the max run (same load generator JVM)
#   FIXED_WARMUP_SECONDS [5] at the fixed rate, before the fixed-rate run
#   GATEWAY_JAVA_OPTS ["-Xmx256m -XX:+UseParallelGC"]   TOOL_JAVA_OPTS ["-Xmx512m -XX:+UseSerialGC"] for load generator and sink
#   OUT_DIR [benchmarks/target/e2e] logs, the generated config, results.json
#   SKIP_BUILD [0] set to 1 to use the jars as they are
#   GATEWAY_JAR [app/target/meltgate.jar]   BENCH_JAR [benchmarks/target/benchmarks.jar]
#   MODE [gateway]  MODE=sink points the load generator straight at the sink (no gateway; CPU and RSS are the
#                   sink's): the ceiling of the tools themselves on this machine
#   PIPELINE_PROCESSORS [batch] the processors of every pipeline, comma-separated ("" for none)
#   PROCESSORS_YAML [""] more processor definitions, inserted under `processors:` as they are (indented by
#                   2 spaces; see BENCHMARKS.md for the ones used there)
#   EXPORTER [otlp] otlp: to the sink; fluentforward (SIGNALS=logs only): Forward protocol to FLUENT_TARGET
#   FLUENT_TARGET [sink] with EXPORTER=fluentforward: sink = the ForwardSink (counts events, acks every chunk at
#                   once, a Fluentd stand-in that costs little); relay = a second meltgate, the relay, whose
#                   fluentforward receiver feeds an otlp exporter to the OtlpSink; its CPU is reported apart
#   FLUENT_EXPORTER_YAML [""] more options of the fluentforward exporter (indented by 4 spaces)
#   LOADGEN_ARGS [""] more load generator options for every run, e.g. "--fresh-trace-ids true"
# Pipelines are generated for the SIGNALS only. After each run the gateway's /metrics is saved next to the
# results (metrics-<signal>-max.txt, metrics-<signal>-fixed.txt); max_gateway_cores and max_sink_cores in results.json
# are the CPU each used over the as-fast run (CPU-seconds per second, warm-up included; MODE=sink: both the sink's);
# and the sink's own count of each run is in
# results.json (max_sink_received, fixed_sink_received): a processor that drops on purpose (filter, sampling)
# shows up as "lost", to be checked against its own counters there.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH_JAR=${BENCH_JAR:-"$ROOT/benchmarks/target/benchmarks.jar"}
GATEWAY_JAR=${GATEWAY_JAR:-"$ROOT/app/target/meltgate.jar"}
SIGNALS=${SIGNALS:-"traces metrics logs"}
BATCH=${BATCH:-100}
CONCURRENCY=${CONCURRENCY:-16}
FIXED_CONCURRENCY=${FIXED_CONCURRENCY:-64}
MAX_SECONDS=${MAX_SECONDS:-15}
FIXED_RATE=${FIXED_RATE:-20000}
FIXED_SECONDS=${FIXED_SECONDS:-20}
WARMUP_SECONDS=${WARMUP_SECONDS:-10}
FIXED_WARMUP_SECONDS=${FIXED_WARMUP_SECONDS:-5}
GATEWAY_JAVA_OPTS=${GATEWAY_JAVA_OPTS:-"-Xmx256m -XX:+UseParallelGC"}
TOOL_JAVA_OPTS=${TOOL_JAVA_OPTS:-"-Xmx512m -XX:+UseSerialGC"}
OUT_DIR=${OUT_DIR:-"$ROOT/benchmarks/target/e2e"}
SKIP_BUILD=${SKIP_BUILD:-0}
MODE=${MODE:-gateway}
PIPELINE_PROCESSORS=${PIPELINE_PROCESSORS-batch}
PROCESSORS_YAML=${PROCESSORS_YAML:-}
EXPORTER=${EXPORTER:-otlp}
FLUENT_EXPORTER_YAML=${FLUENT_EXPORTER_YAML:-}
FLUENT_TARGET=${FLUENT_TARGET:-sink}
LOADGEN_ARGS=${LOADGEN_ARGS:-}

log() { printf '[run.sh %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

PIDS=()
cleanup() {
    local pid
    for pid in "${PIDS[@]:-}"; do
        [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
    done
    for pid in "${PIDS[@]:-}"; do
        [ -n "$pid" ] || continue
        # bounded: a process that ignores SIGTERM for 15 s is killed
        for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null || true
    done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

command -v python3 >/dev/null || die "python3 is needed (free ports, JSON)"
command -v java >/dev/null || die "java is needed"

# --- build ------------------------------------------------------------------------------------------------
case $MODE in gateway|sink) ;; *) die "MODE must be gateway or sink" ;; esac
case $EXPORTER in otlp) ;; fluentforward) [ "$SIGNALS" = logs ] || die "EXPORTER=fluentforward takes SIGNALS=logs" ;;
    *) die "EXPORTER must be otlp or fluentforward" ;; esac
case $FLUENT_TARGET in sink|relay) ;; *) die "FLUENT_TARGET must be sink or relay" ;; esac
FORWARD_SINK=0
[ "$EXPORTER" = fluentforward ] && [ "$FLUENT_TARGET" = sink ] && [ "$MODE" = gateway ] && FORWARD_SINK=1
if [ "$SKIP_BUILD" != 1 ] && { [ ! -f "$BENCH_JAR" ] || { [ "$MODE" = gateway ] && [ ! -f "$GATEWAY_JAR" ]; }; }; then
    log "building app and benchmarks jars (mvn package, tests skipped)"
    (cd "$ROOT" && mvn -B -q -DskipTests package -pl app,benchmarks -am) || die "build failed"
fi
[ -f "$BENCH_JAR" ] || die "$BENCH_JAR missing"
[ "$MODE" = sink ] || [ -f "$GATEWAY_JAR" ] || die "$GATEWAY_JAR missing: the app module does not build a runnable jar yet"

mkdir -p "$OUT_DIR"
free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}
wait_for_port() { # port seconds
    python3 - "$1" "$2" <<'EOF'
import socket, sys, time
port, limit = int(sys.argv[1]), float(sys.argv[2])
end = time.time() + limit
while time.time() < end:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close(); sys.exit(0)
    except OSError:
        time.sleep(0.2)
sys.exit(1)
EOF
}
sink_count() { # item noun
    python3 - "$SINK_HTTP" "$1" <<'EOF'
import json, sys, urllib.request
print(json.load(urllib.request.urlopen("http://127.0.0.1:%s/count" % sys.argv[1], timeout=5))[sys.argv[2]])
EOF
}
# Waits until the sink holds at least `target` items of the noun and its count has not moved for 2 s (late
# batches and retries land), or has not moved for 10 s short of it; bounded by 90 s. Prints the final count.
sink_drain() { # noun target
    local noun=$1 target=$2 last=-1 still=0 now=0
    for _ in $(seq 1 180); do
        now=$(sink_count "$noun")
        if [ "$now" = "$last" ]; then still=$((still + 1)); else still=0; fi
        [ "$now" -ge "$target" ] && [ "$still" -ge 4 ] && break
        [ "$still" -ge 20 ] && break
        last=$now
        sleep 0.5
    done
    echo "$now"
}
status_kib() { # pid field
    awk -v f="$2:" '$1 == f { print $2 }' "/proc/$1/status"
}
cpu_seconds() { # pid: utime+stime of the process so far
    python3 -c 'import os,sys; f=open("/proc/%s/stat" % sys.argv[1]).read().rsplit(")",1)[1].split(); print((int(f[11])+int(f[12]))/os.sysconf("SC_CLK_TCK"))' "$1"
}
save_metrics() { # file: the gateway's /metrics
    [ "$MODE" = gateway ] || return 0
    python3 -c 'import sys,urllib.request; sys.stdout.write(urllib.request.urlopen("http://127.0.0.1:%s/metrics" % sys.argv[1], timeout=5).read().decode())' \
        "$GW_METRICS" > "$1" 2>/dev/null || log "could not read the gateway's /metrics"
}
json_field() { # json-line field
    python3 -c 'import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])' "$1" "$2"
}
loadgen() { # args... ; prints the summary JSON line
    local out
    out=$(timeout $((MAX_SECONDS + FIXED_SECONDS + WARMUP_SECONDS + FIXED_WARMUP_SECONDS + 60)) \
        java $TOOL_JAVA_OPTS -cp "$BENCH_JAR" io.meltgate.bench.loadgen.LoadGenerator \
        --target "127.0.0.1:$GW_GRPC" --batch "$BATCH" $LOADGEN_ARGS "$@") || die "load generator failed: $out"
    printf '%s\n' "$out" | grep -v '^{' >&2
    printf '%s\n' "$out" | grep '^{"loadgen"' | tail -1
}

# --- sink -------------------------------------------------------------------------------------------------
SINK_GRPC=$(free_port); SINK_HTTP=$(free_port)
if [ "$FORWARD_SINK" = 1 ]; then
    # The Fluentd stand-in: counts events, acks every chunk; SINK_GRPC is its Forward port here.
    java $TOOL_JAVA_OPTS -cp "$BENCH_JAR" io.meltgate.bench.sink.ForwardSink \
        --forward-port "$SINK_GRPC" --http-port "$SINK_HTTP" > "$OUT_DIR/sink.log" 2>&1 &
else
    java $TOOL_JAVA_OPTS -cp "$BENCH_JAR" io.meltgate.bench.sink.OtlpSink \
        --grpc-port "$SINK_GRPC" --http-port "$SINK_HTTP" > "$OUT_DIR/sink.log" 2>&1 &
fi
SINK_PID=$!
PIDS+=("$SINK_PID")
wait_for_port "$SINK_HTTP" 30 || die "sink did not start: $(cat "$OUT_DIR/sink.log")"
if [ "$FORWARD_SINK" = 1 ]; then
    log "sink: Forward 127.0.0.1:$SINK_GRPC (ForwardSink), counts on http://127.0.0.1:$SINK_HTTP/count"
else
    log "sink: OTLP/gRPC 127.0.0.1:$SINK_GRPC, counts on http://127.0.0.1:$SINK_HTTP/count"
fi

# --- gateway ----------------------------------------------------------------------------------------------
if [ "$MODE" = sink ]; then
    GW_PID=$SINK_PID; GW_GRPC=$SINK_GRPC
    log "MODE=sink: no gateway, the load generator sends to the sink; CPU and RSS below are the sink's"
else
GW_GRPC=$(free_port); GW_HTTP=$(free_port); GW_METRICS=$(free_port); GW_HEALTH=$(free_port)
CONFIG="$OUT_DIR/pipeline.yaml"
if [ "$FORWARD_SINK" = 1 ]; then
    EXPORTER_YAML="  fluentforward:
    endpoint:
      tcp_addr: 127.0.0.1:$SINK_GRPC
$FLUENT_EXPORTER_YAML"
elif [ "$EXPORTER" = fluentforward ]; then
    # The relay: Forward in -> otlp out to the sink; the gateway under test sends to it.
    RELAY_FORWARD=$(free_port); RELAY_METRICS=$(free_port)
    cat > "$OUT_DIR/relay.yaml" <<EOF
# generated by benchmarks/run.sh: the relay (fluentforward receiver -> otlp exporter to the sink)
receivers:
  fluentforward:
    endpoint: 127.0.0.1:$RELAY_FORWARD
exporters:
  otlp:
    endpoint: 127.0.0.1:$SINK_GRPC
    tls:
      insecure: true
    # The default (the Collector's) drops when the queue is full, after the receiver has acked the chunk:
    # blocking turns a full queue into no ack, so the gateway under test retries instead. Counted in records:
    # 1000 requests of a batch processor's 8192 records do not fit in a 256 MiB heap.
    sending_queue:
      block_on_overflow: true
      sizer: items
      queue_size: 50000
service:
  telemetry:
    metrics:
      address: 127.0.0.1:$RELAY_METRICS
  pipelines:
    logs:
      receivers: [fluentforward]
      exporters: [otlp]
      ring_size: 256
EOF
    java $GATEWAY_JAVA_OPTS -jar "$GATEWAY_JAR" run --config "$OUT_DIR/relay.yaml" > "$OUT_DIR/relay.log" 2>&1 &
    RELAY_PID=$!
    PIDS+=("$RELAY_PID")
    wait_for_port "$RELAY_FORWARD" 60 || die "relay did not open 127.0.0.1:$RELAY_FORWARD: $(tail -20 "$OUT_DIR/relay.log")"
    log "relay pid $RELAY_PID: Forward 127.0.0.1:$RELAY_FORWARD -> sink, metrics :$RELAY_METRICS"
    EXPORTER_YAML="  fluentforward:
    endpoint:
      tcp_addr: 127.0.0.1:$RELAY_FORWARD
$FLUENT_EXPORTER_YAML"
else
    EXPORTER_YAML="  otlp:
    endpoint: 127.0.0.1:$SINK_GRPC
    tls:
      insecure: true"
fi
PIPELINES=""
for signal in $SIGNALS; do
    PIPELINES="$PIPELINES
    $signal:
      receivers: [otlp]
      processors: [$PIPELINE_PROCESSORS]
      exporters: [$EXPORTER]"
done
cat > "$CONFIG" <<EOF
# generated by benchmarks/run.sh
receivers:
  otlp:
    protocols:
      grpc:
        endpoint: 127.0.0.1:$GW_GRPC
      http:
        endpoint: 127.0.0.1:$GW_HTTP
processors:
  batch: {}
$PROCESSORS_YAML
exporters:
$EXPORTER_YAML
extensions:
  health_check:
    endpoint: 127.0.0.1:$GW_HEALTH
service:
  extensions: [health_check]
  telemetry:
    metrics:
      readers:
        - pull:
            exporter:
              prometheus:
                host: 127.0.0.1
                port: $GW_METRICS
  pipelines:$PIPELINES
EOF
java $GATEWAY_JAVA_OPTS -jar "$GATEWAY_JAR" run --config "$CONFIG" > "$OUT_DIR/gateway.log" 2>&1 &
GW_PID=$!
PIDS+=("$GW_PID")
wait_for_port "$GW_GRPC" 60 || die "gateway did not open 127.0.0.1:$GW_GRPC: $(tail -20 "$OUT_DIR/gateway.log")"
log "gateway pid $GW_PID: OTLP/gRPC 127.0.0.1:$GW_GRPC, metrics :$GW_METRICS, health :$GW_HEALTH (config $CONFIG)"
fi

# --- measure (each load generator warms up in its own JVM first, then measures) -----------------------
RESULTS="$OUT_DIR/results.jsonl"
: > "$RESULTS"
for signal in $SIGNALS; do
    case $signal in
        traces) noun=spans ;; metrics) noun=metric_points ;; logs) noun=log_records ;;
        *) die "unknown signal $signal" ;;
    esac
    kill -0 "$GW_PID" 2>/dev/null || die "$MODE died: $(tail -20 "$OUT_DIR/gateway.log")"

    log "$signal: max sustained: ${WARMUP_SECONDS}s warm-up, then ${MAX_SECONDS}s as fast as $CONCURRENCY requests in flight allow"
    before=$(sink_count "$noun")
    # CPU of the gateway and of the sink over the as-fast run (warm-up included): who uses the cores at the max
    max_cpu_before="$(cpu_seconds "$GW_PID") $(cpu_seconds "$SINK_PID") $(date +%s.%N)"
    max=$(loadgen --signal "$signal" --rate 0 --concurrency "$CONCURRENCY" --duration "${MAX_SECONDS}s" \
        --warmup "${WARMUP_SECONDS}s")
    max_cores=$(python3 -c 'import sys; g0, s0, t0 = map(float, sys.argv[1].split()); g1, s1, t1 = map(float, sys.argv[2].split()); print("%.2f %.2f" % ((g1 - g0) / (t1 - t0), (s1 - s0) / (t1 - t0)))' \
        "$max_cpu_before" "$(cpu_seconds "$GW_PID") $(cpu_seconds "$SINK_PID") $(date +%s.%N)")
    sent_to_sink=$(( $(json_field "$max" warmup_items_accepted) + $(json_field "$max" items_accepted) ))
    after=$(sink_drain "$noun" $((before + sent_to_sink)))
    max_lost=$((sent_to_sink - (after - before)))   # negative: the sink got more (retried duplicates)
    max_received=$((after - before))
    save_metrics "$OUT_DIR/metrics-$signal-max.txt"
    [ -z "${RELAY_PID:-}" ] || GW_METRICS=$RELAY_METRICS save_metrics "$OUT_DIR/relay-metrics-$signal-max.txt"

    log "$signal: fixed rate ${FIXED_RATE}/s: ${FIXED_WARMUP_SECONDS}s warm-up, then ${FIXED_SECONDS}s measured"
    before=$(sink_count "$noun")
    relay_cpu_before=$(if [ -n "${RELAY_PID:-}" ]; then cpu_seconds "$RELAY_PID"; else echo -1; fi)
    fixed=$(loadgen --signal "$signal" --rate "$FIXED_RATE" --concurrency "$FIXED_CONCURRENCY" --duration "${FIXED_SECONDS}s" \
        --warmup "${FIXED_WARMUP_SECONDS}s" --cpu-pid "$GW_PID")
    sent_to_sink=$(( $(json_field "$fixed" warmup_items_accepted) + $(json_field "$fixed" items_accepted) ))
    after=$(sink_drain "$noun" $((before + sent_to_sink)))
    fixed_lost=$((sent_to_sink - (after - before)))
    fixed_received=$((after - before))
    save_metrics "$OUT_DIR/metrics-$signal-fixed.txt"
    [ -z "${RELAY_PID:-}" ] || GW_METRICS=$RELAY_METRICS save_metrics "$OUT_DIR/relay-metrics-$signal-fixed.txt"
    # The relay's CPU over the fixed run and its drain (a little longer than the measured window).
    relay_cpu=-1
    if [ -n "${RELAY_PID:-}" ]; then
        relay_cpu=$(python3 -c 'import sys; print(round(float(sys.argv[1]) - float(sys.argv[2]), 2))' \
            "$(cpu_seconds "$RELAY_PID")" "$relay_cpu_before")
    fi

    python3 - "$signal" "$noun" "$max" "$max_lost" "$fixed" "$fixed_lost" "$(status_kib "$GW_PID" VmHWM)" \
        "$max_received" "$fixed_received" "$relay_cpu" "$max_cores" >> "$RESULTS" <<'EOF'
import json, sys
signal, noun, mx, mxl, fx, fxl, hwm, mxr, fxr, rcpu, cores = sys.argv[1:]
mx, fx = json.loads(mx), json.loads(fx)
print(json.dumps({
    "signal": signal, "item": noun,
    "max_accepted_items_per_s": round(mx["accepted_items_per_s"]),
    "max_refused_items_per_s": round(mx["refused_items_per_s"]),
    "max_accepted": mx["items_accepted"], "max_lost": max(0, int(mxl)), "max_duplicated": max(0, -int(mxl)),
    "max_failed": mx["items_failed"],
    "max_p99_ms": mx["latency_p99_ms"],
    "fixed_rate": fx["offered_items_per_s"], "fixed_accepted_items_per_s": round(fx["accepted_items_per_s"]),
    "fixed_accepted": fx["items_accepted"], "fixed_lost": max(0, int(fxl)), "fixed_duplicated": max(0, -int(fxl)),
    "fixed_refused": fx["items_refused"],
    "fixed_schedule_skipped": fx["schedule_skipped"],
    "cpu_seconds": fx["target_cpu_s"], "cpu_seconds_per_million": fx["target_cpu_s_per_million"],
    "fixed_p50_ms": fx["latency_p50_ms"], "fixed_p99_ms": fx["latency_p99_ms"],
    "peak_rss_mib_so_far": round(int(hwm) / 1024, 1),
    "max_sink_received": int(mxr), "fixed_sink_received": int(fxr),
    "relay_cpu_seconds_fixed_run": float(rcpu),
    "max_gateway_cores": float(cores.split()[0]), "max_sink_cores": float(cores.split()[1]),
}))
EOF
    log "$signal: $(tail -1 "$RESULTS")"
done

# --- report -----------------------------------------------------------------------------------------------
HWM=$(status_kib "$GW_PID" VmHWM)
python3 - "$RESULTS" "$HWM" "$BATCH" "$CONCURRENCY" "$FIXED_RATE" "$MODE" "$PIPELINE_PROCESSORS" "$EXPORTER" <<'EOF'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
hwm, batch, conc, rate = int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
print()
path = ("meltgate end to end, OTLP/gRPC in -> [%s] -> %s out" % (sys.argv[7], sys.argv[8]) if sys.argv[6] == "gateway"
        else "NO GATEWAY (MODE=sink): load generator -> sink over OTLP/gRPC")
print("%s, %s items/request, %s in flight" % (path, batch, conc))
print("| signal | max sustained items/s | lost / duplicated after drain | refused/s at max | CPU-s per million at %s/s | p50 / p99 ms at %s/s | achieved rate | lost / duplicated at %s/s |" % (rate, rate, rate))
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
for r in rows:
    print("| %s (%s) | %s | %s / %s | %s | %.2f | %.2f / %.2f | %s | %s / %s |" % (
        r["signal"], r["item"], format(r["max_accepted_items_per_s"], ","), r["max_lost"], r["max_duplicated"],
        format(r["max_refused_items_per_s"], ","), r["cpu_seconds_per_million"],
        r["fixed_p50_ms"], r["fixed_p99_ms"], format(r["fixed_accepted_items_per_s"], ","),
        r["fixed_lost"], r["fixed_duplicated"]))
print("peak RSS of the gateway (VmHWM): %.1f MiB" % (hwm / 1024))
with open(sys.argv[1].replace(".jsonl", ".json"), "w") as f:
    json.dump({"rows": rows, "peak_rss_mib": round(hwm / 1024, 1)}, f, indent=2)
EOF
log "details in $OUT_DIR (results.json, gateway.log, sink.log, pipeline.yaml)"
