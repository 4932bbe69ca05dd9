# Sourced by .ci/run: the web app's browser tests drive Debian's Chromium through its chromedriver.
# Installs both when missing (as root, or through sudo); LECTERN_CHROMIUM and LECTERN_CHROMEDRIVER
# name other binaries.
chromium_bin=${LECTERN_CHROMIUM:-/usr/bin/chromium}
chromedriver_bin=${LECTERN_CHROMEDRIVER:-/usr/bin/chromedriver}
if [ ! -x "$chromium_bin" ] || [ ! -x "$chromedriver_bin" ]; then
  echo "[ci] installing chromium and chromium-driver for the browser tests" >&2
  if [ "$(id -u)" -eq 0 ]; then sudo_cmd=""; elif command -v sudo >/dev/null 2>&1; then sudo_cmd="sudo -n"; else
    echo "[ci] the browser tests need chromium and chromium-driver: install them (apt-get install chromium chromium-driver)" >&2
    exit 1
  fi
  $sudo_cmd apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium chromium-driver >&2
fi
echo "[ci] browser: $("$chromium_bin" --version 2>/dev/null | head -n 1)" >&2
