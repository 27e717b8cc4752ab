#!/usr/bin/env python3
"""Pre-signs the benchmark request (SigV4, service bedrock-mantle) and prints its headers, one per line.

usage: sign.py HOST:PORT BODY_FILE [extra header lines "name: value" ...]
The signature covers host, x-amz-date, x-amz-content-sha256, content-type, anthropic-version and every
extra header, like the Java SDK signs. X-Amz-Date is now; the mock's skew window (bench/mock.yaml)
keeps it valid for the run.
"""
import datetime, hashlib, hmac, sys

KEY_ID, SECRET, REGION, SERVICE = "AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "us-east-1", "bedrock-mantle"
host, body_file, extra = sys.argv[1], sys.argv[2], sys.argv[3:]
body = open(body_file, "rb").read()
amz_date = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
day = amz_date[:8]
payload = hashlib.sha256(body).hexdigest()
headers = {"host": host, "content-type": "application/json", "anthropic-version": "2023-06-01",
           "x-amz-date": amz_date, "x-amz-content-sha256": payload}
for line in extra:
    k, v = line.split(":", 1)
    headers[k.strip().lower()] = v.strip()
names = sorted(headers)
canonical = "\n".join(["POST", "/anthropic/v1/messages", ""] + [f"{n}:{headers[n]}" for n in names]
                      + ["", ";".join(names), payload])
scope = f"{day}/{REGION}/{SERVICE}/aws4_request"
to_sign = "\n".join(["AWS4-HMAC-SHA256", amz_date, scope, hashlib.sha256(canonical.encode()).hexdigest()])
k = ("AWS4" + SECRET).encode()
for part in (day, REGION, SERVICE, "aws4_request"):
    k = hmac.new(k, part.encode(), hashlib.sha256).digest()
sig = hmac.new(k, to_sign.encode(), hashlib.sha256).hexdigest()
headers["authorization"] = f"AWS4-HMAC-SHA256 Credential={KEY_ID}/{scope}, SignedHeaders={';'.join(names)}, Signature={sig}"
for n in names + ["authorization"]:
    print(f"{n}: {headers[n]}")
