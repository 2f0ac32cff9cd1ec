# syntax=docker/dockerfile:1
#
# meltgate container: built from source with Maven on JDK 17, run on a JRE 17 as an unprivileged user.
#   docker build -t meltgate .
#   docker run --rm -p 4317:4317 -p 4318:4318 -p 8888:8888 -p 13133:13133 meltgate
# Mount your own configuration over /etc/meltgate/pipeline.yaml to change the pipelines.

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
# The cache mount keeps downloaded dependencies between builds (BuildKit, the default builder).
RUN --mount=type=cache,target=/root/.m2 mvn -B -q -DskipTests package

FROM eclipse-temurin:17-jre
RUN groupadd --system meltgate \
    && useradd --system --gid meltgate --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin meltgate
COPY --from=build /src/app/target/meltgate.jar /opt/meltgate/meltgate.jar
# The built-in pipeline (OTLP in -> batch -> debug, health_check, self-metrics), bound to 0.0.0.0 so that the
# published ports reach it from outside the container.
COPY app/src/main/resources/io/meltgate/app/default-pipeline.yaml /etc/meltgate/pipeline.yaml
USER meltgate
# 4317 OTLP/gRPC, 4318 OTLP/HTTP, 8888 self-metrics (Prometheus), 13133 health_check
EXPOSE 4317 4318 8888 13133
# Exec form: java is PID 1 and receives SIGTERM itself; meltgate handles it (drains, then exits 0).
# MaxRAMPercentage sizes the heap from the container's memory limit instead of the JVM's 25% default. The
# Parallel collector: on a few cores G1's concurrent work cost meltgate twice the CPU per item (BENCHMARKS.md).
# Out of heap, a JVM limps on with threads dead; exiting lets the orchestrator restart the container.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+UseParallelGC", "-XX:+ExitOnOutOfMemoryError", "-jar", "/opt/meltgate/meltgate.jar"]
CMD ["run", "--config", "/etc/meltgate/pipeline.yaml"]
