# The runtime stage's base for docker/build-local.sh: what eclipse-temurin:17-jre provides (a Java 17 runtime
# on PATH), from Debian's openjdk-17-jre-headless, on the Debian base the script made with debootstrap.
ARG BASE
FROM ${BASE}
# The CAs the host trusts beyond Debian's (a TLS-inspecting egress proxy's, say), so Maven Central and the
# Debian mirror answer inside as they do outside; installing ca-certificates picks them up.
COPY extra-ca/ /usr/local/share/ca-certificates/
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends openjdk-17-jre-headless \
 && rm -rf /var/lib/apt/lists/*
