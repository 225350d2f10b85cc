#!/usr/bin/env bash
# Builds the router's container image from the project's Dockerfile WITHOUT a Docker daemon or access to a
# container registry: the JRE 17 base image is made from Debian packages (mmdebstrap), the Dockerfile is built
# with buildah, and the result is written as a docker-archive that `docker load` / `podman load` read.
#
#   deploy/build-image.sh            # -> target/vonage-webhook-router-image.tar, and localhost/vonage-webhook-router:latest
#   deploy/smoke-test-image.sh       # runs that image with an OCI runtime and checks it
#
# Needs root and: apt-get install -y mmdebstrap buildah skopeo
# With Docker at hand, none of this is needed: `docker build -t vonage-webhook-router .` after `mvn package`.
set -euo pipefail
cd "$(dirname "$0")/.."

IMAGE=${IMAGE:-localhost/vonage-webhook-router:latest}
BASE_IMAGE=${BASE_IMAGE:-localhost/vonage-jre17-debian:bookworm}
SUITE=${SUITE:-bookworm}
ARCHIVE=${ARCHIVE:-target/vonage-webhook-router-image.tar}

for tool in mmdebstrap buildah skopeo; do
    command -v "$tool" >/dev/null || { echo "needs $tool: apt-get install -y mmdebstrap buildah skopeo" >&2; exit 2; }
done

if [[ ! -f target/vonage-webhook-router.jar ]]; then
    mvn -q -B package -DskipTests
fi

# The base: Debian's own JRE 17 on a minimal Debian, made from Debian packages alone. Built once, then reused.
if ! buildah inspect --type image "$BASE_IMAGE" >/dev/null 2>&1; then
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    echo "Making the base image $BASE_IMAGE from Debian $SUITE packages..."
    mmdebstrap --variant=minbase --include=openjdk-17-jre-headless,ca-certificates,curl \
        --aptopt='APT::Install-Recommends "false"' \
        --customize-hook='rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/*.bin' \
        "$SUITE" "$work/rootfs.tar"
    container=$(buildah from scratch)
    buildah add --quiet "$container" "$work/rootfs.tar" /
    buildah config --env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin --env LANG=C.UTF-8 \
        --cmd /bin/bash "$container"
    buildah commit --quiet --rm "$container" "$BASE_IMAGE" >/dev/null
fi

# --format docker keeps the HEALTHCHECK, which the OCI image format has no field for
buildah bud --pull=never --format docker --isolation chroot \
    --build-arg JRE_IMAGE="$BASE_IMAGE" -t "$IMAGE" .

rm -f "$ARCHIVE"
skopeo copy --quiet "containers-storage:$IMAGE" "docker-archive:$ARCHIVE:${IMAGE#localhost/}"
echo "Built $IMAGE, saved as $ARCHIVE (docker load -i $ARCHIVE)"
