#!/usr/bin/env bash
# Runs the image that deploy/build-image.sh built, the way a container engine runs it, and checks it.
#
# The image archive (what would be loaded or pushed) is unpacked into an OCI runtime bundle (umoci) and started
# with runc: its own entrypoint, user, working directory and environment, in namespaces of its own (pid, mount,
# ipc, uts, and a network with only a loopback interface, so the default ports 8080/9876/61616 clash with
# nothing), with a host directory as the /data volume, and as deploy/kubernetes/deployment.yaml runs it: root
# filesystem read-only, a scratch /tmp, no capabilities, no privilege escalation, the JVM sized as for a 512 MiB
# memory limit (-XX:MaxRAM, as there is no cgroup limit here). Everything is then checked from inside the
# container, with the tools the image carries:
#   the process runs as a non-root user; the image's own HEALTHCHECK command passes; /observe/health/live and
#   /ready answer; a simulated webhook is accepted (200) and archived on the volume; forged ones are refused;
#   the dead-letters tool reads the embedded broker; SIGTERM stops it within 45 s; started again on the same
#   volume, the event stored before is still in its queue.
# and it prints the JVM's peak resident memory against that limit.
# Not checked here: port publishing, an enforced cgroup memory limit, the engine's own health-check scheduling.
#
# Needs root and: apt-get install -y skopeo umoci runc python3
set -euo pipefail
cd "$(dirname "$0")/.."

ARCHIVE=${ARCHIVE:-target/vonage-webhook-router-image.tar}
SECRET=smoke-test-secret
ID=vonage-smoke-$$
for tool in skopeo umoci runc python3; do
    command -v "$tool" >/dev/null || { echo "needs $tool: apt-get install -y skopeo umoci runc python3" >&2; exit 2; }
done

work=$(mktemp -d /tmp/vonage-smoke.XXXXXX)
stop_container() {
    runc kill "$ID" KILL 2>/dev/null || true
    for _ in $(seq 1 20); do runc state "$ID" >/dev/null 2>&1 && [[ "$(runc state "$ID" | python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])')" != stopped ]] || break; sleep 0.5; done
    runc delete --force "$ID" 2>/dev/null || true
}
trap 'stop_container; rm -rf "$work"' EXIT

pass() { echo "ok   $*"; }
fail() { echo "FAIL $*" >&2; echo "--- container log (last 40 lines)" >&2; tail -40 "$work/container.log" >&2; exit 1; }
inside() { runc exec "$ID" "$@"; }

[[ -f "$ARCHIVE" ]] || { echo "no $ARCHIVE: run deploy/build-image.sh first" >&2; exit 2; }
skopeo copy --quiet "docker-archive:$ARCHIVE" "oci:$work/oci:smoke"
umoci unpack --image "$work/oci:smoke" "$work/bundle" >/dev/null
# the OCI format has no health check: read the image's own from its Docker config
config=$(tar -xOf "$ARCHIVE" manifest.json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["Config"])')
healthcheck=$(tar -xOf "$ARCHIVE" "$config" \
    | python3 -c 'import json,sys; t=json.load(sys.stdin)["config"]["Healthcheck"]["Test"]; print(t[1] if t[0]=="CMD-SHELL" else " ".join(t[1:]))')

mkdir "$work/data"
# a container engine writes /etc/hosts with the container's own name; without it, looking that name up fails
printf '127.0.0.1 localhost vonage-webhook-router\n::1 localhost ip6-localhost\n' >"$work/hosts"
python3 - "$work/bundle/config.json" "$work/data" "$SECRET" "$work/hosts" <<'PY'
import json, os, sys
path, data, secret, hosts = sys.argv[1:]
spec = json.load(open(path))
process = spec["process"]
process["terminal"] = False
process["env"].append("VONAGE_SIGNATURE_SECRET=" + secret)
process.pop("rlimits", None)  # some sandboxes refuse setrlimit; limits are not what this test is about
os.chown(data, process["user"]["uid"], process["user"]["gid"])  # as a volume provisioner would
spec["mounts"] = [m for m in spec["mounts"] if m["destination"] not in ("/data", "/sys/fs/cgroup")]
spec["mounts"].append({"destination": "/data", "type": "bind", "source": data, "options": ["rbind", "rw"]})
spec["linux"].pop("resources", None)
spec["hostname"] = "vonage-webhook-router"
spec["mounts"].append({"destination": "/etc/hosts", "type": "bind", "source": hosts, "options": ["rbind", "ro"]})
# as deploy/kubernetes/deployment.yaml runs it
spec["root"]["readonly"] = True
spec["mounts"].append({"destination": "/tmp", "type": "tmpfs", "source": "tmpfs",
                       "options": ["nosuid", "nodev", "mode=1777", "size=256m"]})
process["capabilities"] = {kind: [] for kind in ("bounding", "effective", "inheritable", "permitted", "ambient")}
process["noNewPrivileges"] = True
# what a 512 MiB cgroup limit would make the JVM see (its heap is a percentage of it)
process["args"].insert(1, "-XX:MaxRAM=512m")
json.dump(spec, open(path, "w"), indent=1)
PY

start_container() {
    (runc run --bundle "$work/bundle" "$ID" >>"$work/container.log" 2>&1; echo "exit code $?" >>"$work/container.log") &
    for _ in $(seq 1 120); do
        if runc state "$ID" >/dev/null 2>&1 && inside sh -c "$healthcheck" >/dev/null 2>&1; then
            return 0
        fi
        sleep 1
    done
    fail "not healthy within 120 s"
}

start_container
pass "started; the image's HEALTHCHECK command passes: $healthcheck"

uid=$(inside id -u)
[[ "$uid" != 0 ]] && pass "runs as uid $uid, not root" || fail "runs as root"

for probe in live ready; do
    inside curl -fsS "http://127.0.0.1:9876/observe/health/$probe" >/dev/null && pass "/observe/health/$probe answers 200" \
        || fail "/observe/health/$probe"
done

sent=$(inside java -jar vonage-webhook-router.jar simulate inbound --channel sms) || fail "simulate inbound: $sent"
uuid=$(sed -n 's/^message_uuid //p' <<<"$sent")
grep -q '^HTTP/1.1 200' <<<"$sent" && pass "a simulated inbound webhook is accepted (message_uuid $uuid)" || fail "$sent"

for _ in $(seq 1 20); do
    archived=$(find "$work/data/archive" -name "$uuid.json" 2>/dev/null | head -1)
    [[ -n "$archived" ]] && break
    sleep 0.5
done
[[ -n "$archived" && "$(stat -c %u "$archived")" == "$uid" ]] && pass "archived on the /data volume: ${archived#$work/data/}" \
    || fail "no archive file for $uuid on the volume"

forged=$(inside java -jar vonage-webhook-router.jar simulate status --forge) || fail "forged requests: $forged"
pass "$(tail -1 <<<"$forged")"

listed=$(inside java -jar vonage-webhook-router.jar dead-letters list) || fail "dead-letters list: $listed"
pass "dead-letters list reads the embedded broker: $(tail -1 <<<"$listed")"

peak=$(inside sh -c 'grep VmHWM /proc/1/status' | awk '{printf "%d", $2/1024}')
pass "peak resident memory of the router: $peak MiB (run as under a 512 MiB limit; deployment.yaml gives it 1 GiB)"

started=$(date +%s)
runc kill "$ID" TERM
while [[ "$(runc state "$ID" 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])' 2>/dev/null)" == running ]]; do
    (( $(date +%s) - started < 45 )) || fail "still running 45 s after SIGTERM"
    sleep 0.5
done
pass "stopped $(( $(date +%s) - started )) s after SIGTERM"
runc delete --force "$ID" 2>/dev/null || true

start_container
kept=$(inside java -jar vonage-webhook-router.jar dead-letters list --queue vonage.inbound.sms)
grep -q "$uuid" <<<"$kept" && pass "after a restart on the same volume, $uuid is still in vonage.inbound.sms" \
    || fail "the event did not survive the restart: $kept"

echo "image $ARCHIVE: all checks passed"
