#!/usr/bin/env bash
# The image's HEALTHCHECK: GET /_mock/health on the mock's port, healthy on a 200. bash's /dev/tcp, because a
# JRE image has no curl or wget, and a JVM per check would cost far more than the mock's idle load.
exec 3<>"/dev/tcp/127.0.0.1/${MANTLE_MOCK_PORT:-8080}" || exit 1
printf 'GET /_mock/health HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3
read -r -t 2 status <&3 || exit 1
[[ $status == "HTTP/"*" 200"* ]]
