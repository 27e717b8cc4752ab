# The Mantle mock as an image: `docker build -t mantle-mock .` then
# `docker run --rm -p 8080:8080 mantle-mock` (docs/container.md). Two stages: Maven builds the jar, a JRE runs it.
# The base images are arguments: the defaults are the public Eclipse Temurin images; docker/build-local.sh
# points them at images made from a Debian mirror, for machines that reach no image registry.
ARG BUILD_IMAGE=maven:3.9-eclipse-temurin-17
ARG RUNTIME_IMAGE=eclipse-temurin:17-jre

FROM ${BUILD_IMAGE} AS build
WORKDIR /src
# Only what the mock's jar is built from (see .dockerignore): the parent pom, the mock and the shipped fixtures.
COPY pom.xml ./
COPY .mvn .mvn
COPY fixtures fixtures
COPY mock-server mock-server
# -f mock-server/pom.xml: the parent is read for its settings only, so the other modules need not be here.
RUN mvn -B -q -f mock-server/pom.xml -DskipTests package \
 && cp mock-server/target/mock-server.jar /mock-server.jar

FROM ${RUNTIME_IMAGE}
# A user of its own: the mock needs no privilege (port 8080, files it only reads, recordings in /work).
RUN useradd --system --uid 10001 --user-group --home-dir /work --create-home mantle
COPY --from=build /mock-server.jar /app/mock-server.jar
# An AppCDS archive of every class the start and the first requests load, made by a training run that serves
# one of each kind of request and exits: the mock then starts and answers its first requests sooner
# (docs/performance.md). Made here, with this image's JVM and this jar's path, which it must match.
RUN java -XX:ArchiveClassesAtExit=/app/mock-server.jsa -jar /app/mock-server.jar --training-run
COPY docker/healthcheck.sh /app/healthcheck.sh
# In a container the mock listens on every interface, so its admin API needs MANTLE_MOCK_ADMIN_TOKEN;
# the Host names it may be reached by, and the URL the ready line shows, are the usual ones of a container.
# Every flag has a MANTLE_MOCK_ variable (docs/configuration.md); a flag given to `docker run` overrides it.
ENV MANTLE_MOCK_HOST=0.0.0.0 \
    MANTLE_MOCK_PORT=8080 \
    MANTLE_MOCK_ADVERTISED_URL=http://localhost:8080 \
    MANTLE_MOCK_ADMIN_ALLOWED_HOSTS=localhost,mantle-mock,host.docker.internal
USER mantle
WORKDIR /work
EXPOSE 8080
# bash's /dev/tcp: no curl or wget in a JRE image, and a second JVM every interval would cost a core-second.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 CMD ["bash", "/app/healthcheck.sh"]
ENTRYPOINT ["java", "-XX:SharedArchiveFile=/app/mock-server.jsa", "-jar", "/app/mock-server.jar"]
