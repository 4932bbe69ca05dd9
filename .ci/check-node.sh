# Sourced by .ci/run and infra-cdk/cdk-app.sh: the CDK libraries run on Node.js (jsii), the CLI too.
# Node 22 and 24 are supported (until 2027-04-30 and 2028-04-30); Node 20 works with this
# project but is past its end of life (2026-04-30), and jsii prints a large warning on every run
# for it: say it once here instead.
if ! command -v node >/dev/null 2>&1; then
  echo "Node.js is required (the CDK app and its tests run jsii on it): install Node 22 or 24." >&2
  exit 1
fi
node_major=$(node --version | sed -n 's/^v\([0-9]*\).*/\1/p')
if [ "${node_major:-0}" -lt 20 ]; then
  echo "Node.js $(node --version) is too old for the CDK: install Node 22 or 24." >&2
  exit 1
fi
if [ "$node_major" -eq 20 ]; then
  echo "[lectern] Node.js $(node --version) works, but it is past its end of life (2026-04-30); Node 22 or 24 are supported." >&2
  # jsii compares the value with the running major version
  export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION="$node_major"
fi
