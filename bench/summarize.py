#!/usr/bin/env python3
"""Turns a bench/run.sh output directory into the Markdown tables BENCHMARKS.md records."""
import os, re, statistics, sys

out = sys.argv[1]
def kv(s):
    return dict(re.findall(r"(\w+)=([\d.]+)", s))

print(f"## Run {os.path.basename(out)}\n")
print("```\n" + open(os.path.join(out, "machine.txt")).read().strip() + "\n```\n")

res = os.path.join(out, "results.tsv")
rows = {}
if os.path.exists(res):
    for line in open(res):
        label, rnd, rest = line.rstrip("\n").split("\t")
        rows.setdefault(label, {})[rnd] = kv(rest)

def table(labels, refs, unit):
    labels = [l for l in labels if l in rows]
    if not labels:
        return
    rounds = sorted({r for l in labels for r in rows[l]})
    print(f"| server / variant | {unit}/s (median of {len(rounds)}) | spread (min–max) | p50 ms | p99 ms | "
          + " | ".join(f"× {r} (min–max)" for r in refs) + " | non-2xx |")
    print("|---|---|---|---|---|" + "---|" * len(refs) + "---|")
    for l in labels:
        rs = rows[l]
        rps = statistics.median(float(rs[r]["rps"]) for r in rs)
        lo, hi = min(float(rs[r]["rps"]) for r in rs), max(float(rs[r]["rps"]) for r in rs)
        p50 = statistics.median(float(rs[r]["p50_us"]) for r in rs) / 1000
        p99 = statistics.median(float(rs[r]["p99_us"]) for r in rs) / 1000
        ratios = []
        for ref in refs:
            # the ratio within each round (same minute, same noise), then the median over rounds
            per = [float(rs[r]["rps"]) / float(rows[ref][r]["rps"]) for r in rs if ref in rows and r in rows[ref]]
            ratios.append(f"{statistics.median(per):.2f} ({min(per):.2f}–{max(per):.2f})" if per else "")
        bad = sum(int(rs[r].get("non2xx", 0)) + int(rs[r].get("socket_errors", 0)) for r in rs)
        print(f"| {l} | {rps:,.0f} | {lo:,.0f}–{hi:,.0f} | {p50:.2f} | {p99:.2f} | " + " | ".join(ratios) + f" | {bad} |")
    print()
    # latency ratios against the references (p50/p99, within rounds)
    print("| variant | " + " | ".join(f"p50 / {r} p50 | p99 / {r} p99" for r in refs) + " |")
    print("|---|" + "---|---|" * len(refs))
    for l in labels:
        cells = []
        for ref in refs:
            for q in ("p50_us", "p99_us"):
                per = [float(rows[l][r][q]) / float(rows[ref][r][q]) for r in rows[l] if ref in rows and r in rows[ref]]
                cells.append(f"{statistics.median(per):.2f}" if per else "")
        print(f"| {l} | " + " | ".join(cells) + " |")
    print()
    print("Per round (req/s): " + "; ".join(
        f"{l}: " + ", ".join(f"{float(rows[l][r]['rps']):,.0f}" for r in sorted(rows[l])) for l in labels) + "\n")

cold = os.path.join(out, "cold.tsv")
if os.path.exists(cold):
    print("### Cold path: requests 1 to N after launch (median over rounds, min–max in brackets)\n")
    print("| server | clients | launch → 1st answer ms | 1st → last answer ms | launch → last ms | p50 ms, req 1–10 | p50 ms, req 11–100 | p50 ms, req 101–N | p99 ms, req 101–N | non-200 |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    by = {}
    for line in open(cold).read().splitlines()[1:]:
        server, c, rnd, r = line.split("\t")
        by.setdefault((server, int(c)), []).append(kv(r))
    def cell(runs, pre):
        ks = [k for k in runs[0] if k.startswith(pre)] if runs and runs[0] else []
        v = [float(x[ks[0]]) for x in runs if ks and ks[0] in x]
        return f"{statistics.median(v):,.2f} ({min(v):,.2f}–{max(v):,.2f})" if v else "failed"
    def whole(runs, k):
        v = [float(x[k]) for x in runs if k in x]
        return f"{statistics.median(v):,.0f} ({min(v):,.0f}–{max(v):,.0f})" if v else "failed"
    for (server, c), runs in sorted(by.items(), key=lambda kv_: (kv_[0][1], kv_[0][0])):
        bad = sum(int(float(x.get("non200", 0))) + int(float(x.get("failed", 0))) for x in runs)
        print(f"| {server} | {c} | {whole(runs, 'launch_to_first_ms')} | {whole(runs, 'first_to_last_ms')} | "
              f"{whole(runs, 'launch_to_last_ms')} | {cell(runs, 'p50_1_10')} | {cell(runs, 'p50_11_100')} | "
              f"{cell(runs, 'p50_101_')} | {cell(runs, 'p99_101_')} | {bad} |")
    print()

warm = os.path.join(out, "warmup.tsv")
if os.path.exists(warm):
    print("### Warm-up: 5 s slices until the rate stops rising (req/s of each slice)\n")
    curves = {}
    for line in open(warm).read().splitlines()[1:]:
        v, sec, rps = line.split("\t")
        curves.setdefault(v, []).append(float(rps or 0))
    for v, c in curves.items():
        print(f"- {v}: " + ", ".join(f"{x:,.0f}" for x in c))
    print()

print("### Plain POST /anthropic/v1/messages\n")
table(["mock-sigv4-fixture", "mock-bearer-fixture", "mock-stk-fixture", "mock-sigv4-generator", "mock-bearer-generator",
       "mock-stk-generator", "wiremock", "bare-javalin"],
      ["wiremock", "bare-javalin"], "req")
print("### Unpaced 10-event streams\n")
table(["mock-stream-sigv4", "wiremock-stream", "bare-javalin-stream"], ["wiremock-stream", "bare-javalin-stream"], "streams")

mem = os.path.join(out, "memory.tsv")
if os.path.exists(mem):
    print("### Memory across a million requests (SigV4, fixture, journal 1000)\n")
    print("| requests | RSS MB | live heap after full GC, MB |\n|---|---|---|")
    for line in open(mem).read().splitlines()[1:]:
        if line.startswith("journal"):
            print(f"\n{line}\n")
            continue
        c = line.split("\t") + ["", ""]
        print(f"| {int(c[0]):,} | {c[1]} | {c[2]} |")
    print()

paced = os.path.join(out, "paced.tsv")
if os.path.exists(paced):
    print("### Paced streams (20 tokens/s, 4 tokens per delta: one event per 200 ms, 25 s per stream)\n")
    print("Error = |gap between consecutive deltas - 200 ms|. Steady = gaps starting 3 s after the last stream opened.\n")
    print("| server | streams | completed | failed | max open | mean gap ms | error p50 ms | error p99 ms | steady p50 ms | steady p99 ms | steady p99.9 ms | peak RSS MB | open-streams gauge peak |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for line in open(paced).read().splitlines()[1:]:
        server, n, r, rss, g = line.split("\t")
        d = kv(r)
        f = lambda k: d.get(k, "?")
        print(f"| {server} | {n} | {f('completed')} | {f('failed')} | {f('max_open')} | {f('mean_gap_ms')} | {f('err_p50_ms')} | "
              f"{f('err_p99_ms')} | {f('steady_p50_ms')} | {f('steady_p99_ms')} | {f('steady_p999_ms')} | {rss} | {g if server == 'mock' else ''} |")
    print()

sat = os.path.join(out, "saturation.tsv")
if os.path.exists(sat):
    print("### Saturation (SigV4 + fixture POST; each step on the mock, then on bare Javalin; wrk settings above)\n")
    print("| connections | server | req/s | × bare | p50 ms | p99 ms | max ms | non-2xx | connect err | read err | write err "
          "| timeouts | threads, peak | RSS MB, peak | health after |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    steps = [l.split("\t") for l in open(sat).read().splitlines()[1:]]
    bare = {c: kv(r) for server, c, r, *_ in steps if server == "bare-javalin"}
    for server, c, r, threads, rss, health in steps:
        d = kv(r)
        if "rps" not in d:
            print(f"| {int(c):,} | {server} | wrk failed to run | | | | | | | | | | {threads} | {rss} | {health} |")
            continue
        ms = lambda k: f"{float(d[k]) / 1000:,.1f}"
        n = lambda k: f"{int(d.get(k, 0)):,}"
        ratio = f"{float(d['rps']) / float(bare[c]['rps']):.2f}" if server != "bare-javalin" and "rps" in bare.get(c, {}) else ""
        print(f"| {int(c):,} | {server} | {float(d['rps']):,.0f} | {ratio} | {ms('p50_us')} | {ms('p99_us')} | {ms('max_us')} | "
              f"{n('non2xx')} | {n('connect_errors')} | {n('read_errors')} | {n('write_errors')} | {n('timeouts')} | "
              f"{threads} | {rss} | {health} |")
    print()

st = os.path.join(out, "startup.tsv")
if os.path.exists(st):
    print("### JVM start to first 200\n")
    by = {}
    for line in open(st).read().splitlines()[1:]:
        s, i, h, f = line.split("\t")
        by.setdefault(s, []).append((h, int(f)))
    for s, v in by.items():
        fs = sorted(x[1] for x in v)
        rs = sorted(int(x[0]) for x in v if x[0])
        print(f"- {s}: first 200 after {', '.join(str(x[1]) for x in v)} ms (median {statistics.median(fs):.0f} ms)"
              + (f"; ready line after {', '.join(x[0] for x in v)} ms (median {statistics.median(rs):.0f} ms)" if rs else ""))
    print()

prof = os.path.join(out, "profile.md")
if os.path.exists(prof):
    print("### Profile: short-term key + generator, JFR, request threads\n")
    print(open(prof).read().strip() + "\n")

jmh = os.path.join(out, "jmh.txt")
if os.path.exists(jmh):
    print("### JMH\n\n```\n" + open(jmh).read().strip() + "\n```")
