#!/usr/bin/env bash
# Benchmark harness of the Vonage webhook router: see bench/README.md.
#   bench/run.sh        everything: the verifier's JMH benchmark, then RAW, PLAIN CAMEL and ROUTER over HTTP;
#                       writes BENCHMARKS.md
#   bench/run.sh jmh    only the JMH benchmark of SignatureVerifier.verify (prints its result)
#   bench/run.sh http   only the HTTP targets (BENCHMARKS.md then says JMH was not run)
set -euo pipefail
cd "$(dirname "$0")/.."

mode=${1:-all}
case "$mode" in
    all|jmh|http) ;;
    *) echo "usage: bench/run.sh [all|jmh|http]" >&2; exit 2 ;;
esac
# the report quotes the command exactly, overrides included
command_line=""
for name in $(compgen -e | grep '^BENCH_' | sort); do
    command_line+="$name=$(printf '%q' "${!name}") "
done
command_line+="bench/run.sh${1:+ $1}"

work=$PWD/target/bench
stage=$work/stage
mkdir -p "$work"

echo "== building the router (its jar, and its library in the local repository) and the harness (bench/pom.xml); tests are not run"
mvn -q -B -ntp install -DskipTests
mvn -q -B -ntp -f bench/pom.xml package
mvn -q -B -ntp -f bench/pom.xml dependency:build-classpath -Dmdep.outputFile="$work/classpath.txt"

# Run from copies, so that a rebuild or an edit in this tree (or another install of the library) during the run
# cannot change what is measured (the router reloads route files that change while it runs).
rm -rf "$stage"
mkdir -p "$stage/router" "$stage/lib"
cp -r bench/target/classes "$stage/"
IFS=: read -r -a jars <"$work/classpath.txt" || true   # the file has no final newline
classpath="$stage/classes"
for jar in "${jars[@]}"; do    # in Maven's order
    cp "$jar" "$stage/lib/"
    classpath+=":$stage/lib/$(basename "$jar")"
done
# the jar with its class data archive, where the README runs them from (the JVM takes the archive only for the jar it
# was made for: the same name on the command line, the same size and time, hence -p)
mkdir -p "$stage/router/target"
cp -p target/vonage-webhook-router.jar target/vonage-webhook-router.jsa "$stage/router/target/"
cp -r config routes "$stage/router/"

jmh_result=""
if [[ "$mode" != http ]]; then
    echo "== JMH: SignatureVerifier.verify, 1 fork, 1 thread"
    jmh_result="$work/jmh.json"
    rm -f "$jmh_result"
    java -cp "$classpath" org.openjdk.jmh.Main SignatureVerifierBenchmark \
        -f 1 -wi 4 -w 2s -i 5 -r 2s -rf json -rff "$jmh_result"
fi

if [[ "$mode" != jmh ]]; then
    echo "== HTTP: RAW, PLAIN CAMEL and ROUTER, one JVM each, one at a time"
    java -Xms1g -Xmx4g ${BENCH_LOAD_JVM_FLAGS:-} -cp "$classpath" \
        -Dbench.projectDir="$PWD" \
        -Dbench.workDir="$work" \
        -Dbench.command="$command_line" \
        -Dbench.targetClasspath="$classpath" \
        -Dbench.routerHome="$stage/router" \
        -Dbench.jmhResult="$jmh_result" \
        ${BENCH_TARGET_JVM_FLAGS:+-Dbench.targetJvmFlags="$BENCH_TARGET_JVM_FLAGS"} \
        ${BENCH_TARGET_MALLOC_ARENA_MAX+-Dbench.targetMallocArenaMax="$BENCH_TARGET_MALLOC_ARENA_MAX"} \
        ${BENCH_TARGETS:+-Dbench.targets="$BENCH_TARGETS"} \
        ${BENCH_WARMUP_SECONDS:+-Dbench.warmupSeconds="$BENCH_WARMUP_SECONDS"} \
        ${BENCH_WARMUP_MAX_SECONDS:+-Dbench.warmupMaxSeconds="$BENCH_WARMUP_MAX_SECONDS"} \
        ${BENCH_SATURATION_SECONDS:+-Dbench.saturationSeconds="$BENCH_SATURATION_SECONDS"} \
        ${BENCH_FIXED_RATE_SECONDS:+-Dbench.fixedRateSeconds="$BENCH_FIXED_RATE_SECONDS"} \
        ${BENCH_PROFILE_SECONDS:+-Dbench.profileSeconds="$BENCH_PROFILE_SECONDS"} \
        ${BENCH_BACKLOG_EVENTS:+-Dbench.backlogEvents="$BENCH_BACKLOG_EVENTS"} \
        ${BENCH_REPORT:+-Dbench.report="$BENCH_REPORT"} \
        ${BENCH_CONSUME_DESTINATIONS:+-Dbench.consumeDestinations="$BENCH_CONSUME_DESTINATIONS"} \
        io.webhookrouter.vonage.bench.BenchmarkMain
fi
