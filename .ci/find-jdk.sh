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

# The Spark job's tests (functions/recommend-spark) fork a JVM that Spark 3.5 runs on: Java 17 to 21.
# With a newer build JDK, find one unless LECTERN_SPARK_JAVA already names a `java`.
if [ "$(java_major "$JAVA_HOME")" -gt 21 ] && [ -z "${LECTERN_SPARK_JAVA:-}" ]; then
  spark_major=0
  for candidate in /usr/lib/jvm/* /opt/java/* "$HOME"/.sdkman/candidates/java/*; do
    [ -x "$candidate/bin/java" ] || continue
    major=$(java_major "$candidate")
    [ -n "$major" ] || continue
    if [ "$major" -ge 17 ] && [ "$major" -le 21 ] && [ "$major" -gt "$spark_major" ]; then
      LECTERN_SPARK_JAVA="$candidate/bin/java"
      spark_major="$major"
    fi
  done
  if [ -n "${LECTERN_SPARK_JAVA:-}" ]; then
    export LECTERN_SPARK_JAVA
  else
    echo "No Java 17-21 found for the Spark job's tests: install one (e.g. openjdk-17-jre-headless) or set LECTERN_SPARK_JAVA." >&2
  fi
fi
