# The Vonage webhook router as a container image.
#
#   mvn -B package -DskipTests                       # builds target/vonage-webhook-router.jar
#   docker build -t vonage-webhook-router .
#   docker run -p 8080:8080 -p 9876:9876 -v vonage-data:/data \
#       -e VONAGE_SIGNATURE_SECRET=your-signature-secret vonage-webhook-router
#
# The jar is built outside the image (one build, the one the tests ran against). Where there is no Docker
# daemon, deploy/build-image.sh builds this same file with buildah, on a Debian base made from Debian packages.

# Any JRE 17 image based on Debian or Ubuntu (it needs apt-get, groupadd and useradd).
ARG JRE_IMAGE=eclipse-temurin:17-jre-jammy
FROM ${JRE_IMAGE}

# curl for the health check (JRE base images no longer promise one)
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/*

RUN groupadd --gid 10001 router \
 && useradd --uid 10001 --gid router --home-dir /app --no-create-home --shell /usr/sbin/nologin router \
 && mkdir -p /app /data \
 && chown router:router /data

# the router reads config/ and routes/ from its working directory
WORKDIR /app
COPY config/ config/
COPY routes/ routes/
COPY target/vonage-webhook-router.jar vonage-webhook-router.jar
# the JVM options of config/jvm.options (the garbage collector's tuning), kept outside config/ so that a config/ of
# the operator's mounted over it does not take them away; its class data archive path is replaced below
COPY config/jvm.options jvm.options
# the class data archive for this image's JVM (the build's own is for the JDK that built it): the router run once for
# 2 s, the classes it loaded written at its exit; started with it, the router is ready in about half the time. The run
# is made elsewhere, without config/ and with env -i, so that no setting of the operator's (an external broker, SMTP)
# is used by it; the jar is linked there under the name the ENTRYPOINT gives it, which the JVM checks. Routes that need
# the operator's settings may not start there: the image is built all the same, and the router starts without it
RUN mkdir -p /tmp/class-data-archive \
 && ln -s /app/vonage-webhook-router.jar /tmp/class-data-archive/vonage-webhook-router.jar \
 && cp -r /app/routes /tmp/class-data-archive/ \
 && (cd /tmp/class-data-archive \
     && env -i PATH="$PATH" VONAGE_SIGNATURE_SECRET=class-data-archive-run-only DATA_DIR=/tmp/class-data-archive/data \
        CAMEL_SERVER_PORT=0 CAMEL_MANAGEMENT_PORT=0 EMBEDDED_BROKER_PORT=0 ROUTES_RELOAD_ENABLED=false \
        java -XX:ArchiveClassesAtExit=/app/vonage-webhook-router.jsa -Dcamel.main.duration-max-seconds=2 \
        -jar vonage-webhook-router.jar > /dev/null 2>&1 \
     || echo "no class data archive: the router starts without it, only slower") \
 && rm -rf /tmp/class-data-archive

# the broker journal and the file archive: keep them on a volume, or a restart loses stored events
# glibc keeps up to 8 malloc arenas per core otherwise: some 30 MiB more RSS under load (docs/performance.md)
ENV DATA_DIR=/data MALLOC_ARENA_MAX=2
VOLUME /data

# 8080 webhooks, 9876 health; 61616 is the embedded broker, which listens on 127.0.0.1 only: it is reachable
# from inside the container or pod (the dead-letters tool, a sidecar), not from outside
EXPOSE 8080 9876 61616

# numeric, so that Kubernetes can check runAsNonRoot
USER 10001:10001

HEALTHCHECK --interval=15s --timeout=3s --start-period=60s --retries=3 \
    CMD curl -fsS "http://127.0.0.1:${CAMEL_MANAGEMENT_PORT:-9876}/observe/health" || exit 1

# java is PID 1 and gets SIGTERM itself: the router drains in-flight webhooks and stops within 30 s.
# The tools run from the same image: docker run --rm IMAGE simulate --help
# TrimNativeHeapInterval: the JIT compilers' scratch memory goes back to the system instead of staying in the RSS.
# The options after @jvm.options win over its own: this image's class data archive
ENTRYPOINT ["java", "@jvm.options", "-XX:MaxRAMPercentage=60", "-XX:TrimNativeHeapInterval=1000", "-XX:SharedArchiveFile=vonage-webhook-router.jsa", "-jar", "vonage-webhook-router.jar"]
