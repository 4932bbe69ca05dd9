#!/bin/sh
# What `npx cdk synth|deploy` runs (cdk.json "app"): builds the Lambda jars and this app with the
# Maven wrapper, then runs the app. Needs a JDK >= 21: JAVA_HOME if it is one, else the newest
# under /usr/lib/jvm.
set -eu
cd "$(dirname "$0")"
. ../.ci/find-jdk.sh
. ../.ci/check-node.sh
# the Spark job's jar too: a stage with recommendEngine=emr deploys it as an asset
../mvnw -q -f ../pom.xml -DskipTests -pl infra-cdk,functions/recommend-spark,web -am package >&2
exec "$JAVA_HOME/bin/java" -cp "target/classes:$(cat target/classpath.txt)" dev.lectern.infra.LecternApp
