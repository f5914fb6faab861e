# Sourced by the top-level scripts: installs the system packages the tests drive for real
# (redis-server, Debian's Chromium) when they are missing and we are allowed to (root).
need=()
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
[ -x /usr/bin/chromium ] || need+=(chromium)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "==> apt-get install ${need[*]}"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "Missing system packages: ${need[*]}. Install them (sudo apt-get install ${need[*]}) and re-run." >&2
    exit 1
  fi
fi
