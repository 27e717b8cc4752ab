# The build stage's base for docker/build-local.sh: what maven:3.9-eclipse-temurin-17 provides (a JDK 17 and mvn),
# from Debian packages, on the Debian base the script made with debootstrap (no image registry needed).
ARG BASE
FROM ${BASE}
# The CAs the host trusts beyond Debian's (a TLS-inspecting egress proxy's, say), so Maven Central and the
# Debian mirror answer inside as they do outside; installing ca-certificates picks them up.
COPY extra-ca/ /usr/local/share/ca-certificates/
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends openjdk-17-jdk-headless maven \
 && rm -rf /var/lib/apt/lists/*
