#!/bin/sh
# Installs Debian's prometheus package for the prometheusremotewrite integration test, if it is missing.
# Idempotent. Never starts the system service: the test starts /usr/bin/prometheus itself, on a free
# loopback port with a temporary storage path.
set -eu

if command -v prometheus >/dev/null 2>&1; then
    echo "prometheus already installed: $(prometheus --version 2>&1 | head -n 1)"
    exit 0
fi

SUDO=""
if [ "$(id -u)" != "0" ]; then
    if command -v sudo >/dev/null 2>&1; then
        SUDO="sudo"
    else
        echo "install-prometheus.sh: must run as root (or with sudo available) to install the prometheus package" >&2
        exit 1
    fi
fi

# policy-rc.d answering 101 tells the package scripts not to start the service it installs.
POLICY=/usr/sbin/policy-rc.d
OWN_POLICY=0
if [ ! -e "$POLICY" ]; then
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$POLICY" >/dev/null
    $SUDO chmod 755 "$POLICY"
    OWN_POLICY=1
fi
cleanup() {
    if [ "$OWN_POLICY" = "1" ]; then
        $SUDO rm -f "$POLICY"
    fi
}
trap cleanup EXIT

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends prometheus

# Some init systems start it anyway; stop only the packaged service, never other prometheus processes.
if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
    $SUDO systemctl stop prometheus >/dev/null 2>&1 || true
    $SUDO systemctl disable prometheus >/dev/null 2>&1 || true
fi

echo "installed: $(prometheus --version 2>&1 | head -n 1)"
