#!/usr/bin/env python3
"""Where the mock's request threads spend their CPU, from a JFR recording of the benchmark's load.

usage: profile.py RECORDING.jfr   (prints Markdown)

Reads the execution samples of the threads that serve requests (Jetty's pool and the mock's workers)
with `jfr print --json`. Each sample is charged to the innermost frame of the mock's own code on its
stack (its "stage"): a sample with no frame of the mock in it is Jetty and Javalin's own work (parsing,
routing, writing), which a bare Javalin handler pays too. Inclusive counts then show the pipeline's
stages as a whole.
"""
import collections, json, subprocess, sys

raw = subprocess.run(["jfr", "print", "--stack-depth", "128", "--json", "--events", "jdk.ExecutionSample", sys.argv[1]],
                     check=True, capture_output=True, text=True).stdout
events = json.loads(raw)["recording"]["events"]
SERVING = ("JettyServerThreadPool", "qtp", "messages-worker")
own = "dev.mantlemock."
innermost, inclusive, leaf_pkg = collections.Counter(), collections.Counter(), collections.Counter()
n = 0
for e in events:
    thread = (e["values"]["sampledThread"] or {}).get("javaName") or ""
    if not thread.startswith(SERVING):
        continue
    frames = [f["method"]["type"]["name"].replace("/", ".").split("$$Lambda")[0] + "." + f["method"]["name"]
              for f in e["values"]["stackTrace"]["frames"]]
    n += 1
    ours = [f for f in frames if f.startswith(own)]
    innermost[ours[0].split("$")[0].rsplit(".", 1)[0] if ours else "(Jetty and Javalin only)"] += 1
    for cls in {f.rsplit(".", 1)[0].split("$")[0] for f in ours}:
        inclusive[cls] += 1
    leaf_pkg[".".join(frames[0].split(".")[:3]) if frames else "?"] += 1

def pct(c):
    return f"{100.0 * c / n:.1f}%"

print(f"{n} samples of the request threads.\n")
print("| charged to (innermost class of the mock on the stack) | samples | share |\n|---|---|---|")
for k, c in innermost.most_common(25):
    print(f"| `{k.replace(own, '')}` | {c} | {pct(c)} |")
print("\n| class of the mock on the stack (inclusive) | samples | share |\n|---|---|---|")
for k, c in inclusive.most_common(25):
    print(f"| `{k.replace(own, '')}` | {c} | {pct(c)} |")
print("\n| package of the running (leaf) method | samples | share |\n|---|---|---|")
for k, c in leaf_pkg.most_common(12):
    print(f"| `{k}` | {c} | {pct(c)} |")
