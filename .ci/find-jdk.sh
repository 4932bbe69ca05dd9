# Sourced by .ci/run and infra-cdk/cdk-app.sh: sets JAVA_HOME to a JDK >= 21.
# Keeps JAVA_HOME when it already is one; otherwise takes the newest JDK under /usr/lib/jvm.
java_major() {
  "$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1
}
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ] && [ "$(java_major "$JAVA_HOME")" -ge 21 ] 2>/dev/null; then
  :
else
  best=""
  best_major=0
  for candidate in /usr/lib/jvm/* /opt/java/* "$HOME"/.sdkman/candidates/java/*; do
    [ -x "$candidate/bin/javac" ] || continue
    major=$(java_major "$candidate")
    [ -n "$major" ] || continue
    if [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
      best="$candidate"
      best_major="$major"
    fi
  done
  if [ -z "$best" ]; then
    echo "No JDK >= 21 found (JAVA_HOME or /usr/lib/jvm). Install one, e.g. Temurin 21, and set JAVA_HOME." >&2
    exit 1
  fi
  JAVA_HOME="$best"
fi
export JAVA_HOME
