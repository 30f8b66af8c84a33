#!/usr/bin/env python3
"""Turns bench/run.sh's raw wrk results into bench/results/latest.md and chart.svg (and prints the table)."""
import argparse
import json
import os
import statistics
from datetime import datetime, timezone
from html import escape

# Goals from issue 8: minimum ratio of Paydesk's req/s to the baseline's, per endpoint.
RATIO_GOALS = {
    "GET /v1/payments/{id}": 0.85,
    "GET /v1/users/{id}/payments?limit=20": 0.70,
    "POST /v1/users": 0.75,
    "POST /v1/payments": 0.50,
}
P99_GOAL_MS = 20.0
RSS_GOAL_MB = 250.0
SQLITE_READY_GOAL_MS = 1500
RELAY_RATIO_GOAL = 0.5       # issue 8: relay >= 0.5 of the bare RabbitMQ.Client confirm rate
RELAY_P99_GOAL_MS = 100.0    # issue 4: commit -> broker p99 under 100 ms


def parse_args():
    p = argparse.ArgumentParser()
    for name in ("raw", "startup", "out", "mode", "cpu", "dotnet", "postgres", "wrk"):
        p.add_argument("--" + name, required=True)
    for name in ("duration", "warmup", "rounds", "nproc", "peak-rss-kb", "baseline-rss-kb", "mem-kb"):
        p.add_argument("--" + name, type=int, required=True)
    p.add_argument("--configuration", default="Release", help="the build configuration measured")
    p.add_argument("--startup-runs", type=int, help="start-to-ready runs per provider (default: --rounds)")
    p.add_argument("--relay", help="bench/relay's RELAYJSON object (a file); absent: relay not measured")
    p.add_argument("--warmups", help="run.sh's warm-up record: scenario, seconds, methods compiled, methods in the last step (TSV)")
    p.add_argument("--warmup-max", type=int, help="the most seconds of warm-up per scenario")
    p.add_argument("--jit-settled", type=int, help="methods compiled per second below which the JIT counted as settled")
    return p.parse_args()


def load(raw_path):
    runs = {}
    with open(raw_path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                r = json.loads(line)
                runs.setdefault((r["scenario"], r["connections"], r["target"]), []).append(r["result"])
    return runs


def load_warmups(path):
    if not path:
        return []
    with open(path, encoding="utf-8") as f:
        return [(name, int(seconds), int(compiled), int(last))
                for name, seconds, compiled, last in (line.rstrip("\n").split("\t") for line in f if line.strip())]


def summarise(results):
    def failed(r):
        return r["connect_errors"] + r["read_errors"] + r["write_errors"] + r["timeouts"] + r["non2xx"]
    # Only answered 2xx requests count: a fast 429 or 500 is not throughput.
    rps = [max(r["requests"] - failed(r), 0) / (r["duration_us"] / 1e6) for r in results]
    errors = sum(failed(r) for r in results)
    return {
        "rps": statistics.median(rps),
        "p50_ms": statistics.median(r["p50_us"] for r in results) / 1000,
        "p99_ms": statistics.median(r["p99_us"] for r in results) / 1000,
        "errors": errors,
        "requests": sum(r["requests"] for r in results),
        # Paydesk only: how long its outbox took to drain after each run (the work done after the answer).
        "drain_s": statistics.median(r["drain_ms"] for r in results) / 1000 if all("drain_ms" in r for r in results) else None,
        "rps_with_drain": statistics.median(
            max(r["requests"] - failed(r), 0) / (r["duration_us"] / 1e6 + r["drain_ms"] / 1000) for r in results)
        if all("drain_ms" in r for r in results) else None,
    }


def verdict(ok):
    return "met" if ok else "**missed**"


def row_verdict(row, ok):
    errors = row["paydesk"]["errors"] + row["baseline"]["errors"]
    return f"**invalid**: {errors} failed requests" if errors else verdict(ok)


def svg_chart(rows, path):
    """Two grouped bar charts: req/s and p99 per scenario, Paydesk against the baseline."""
    labels = [f"{r['scenario']} c={r['connections']}" for r in rows]
    width, panel_h, left, top = 1000, 320, 300, 40
    bar_h = 10
    group_h = 2 * bar_h + 8
    panel_h = top + group_h * len(rows) + 30
    colours = {"paydesk": "#2b6cb0", "baseline": "#a0aec0"}
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{2 * panel_h + 40}" font-family="sans-serif" font-size="11">',
             '<rect width="100%" height="100%" fill="white"/>']
    for panel, (metric, title, unit) in enumerate((("rps", "Throughput (req/s, higher is better)", "req/s"),
                                                    ("p99_ms", "p99 latency (ms, lower is better)", "ms"))):
        y0 = panel * panel_h + 10
        parts.append(f'<text x="10" y="{y0 + 15}" font-size="14" font-weight="bold">{escape(title)}</text>')
        top_value = max(max(r[t][metric] for t in ("paydesk", "baseline")) for r in rows) or 1
        scale = (width - left - 90) / top_value
        for i, r in enumerate(rows):
            gy = y0 + top + i * group_h
            parts.append(f'<text x="{left - 6}" y="{gy + bar_h + 3}" text-anchor="end">{escape(labels[i])}</text>')
            for j, t in enumerate(("paydesk", "baseline")):
                v = r[t][metric]
                y = gy + j * bar_h
                parts.append(f'<rect x="{left}" y="{y}" width="{max(v * scale, 1):.1f}" height="{bar_h - 1}" fill="{colours[t]}"/>')
                parts.append(f'<text x="{left + v * scale + 4:.1f}" y="{y + bar_h - 2}" font-size="9">{v:,.1f} {unit}</text>')
        ly = y0 + 15
        for j, t in enumerate(("paydesk", "baseline")):
            parts.append(f'<rect x="{width - 200 + j * 95}" y="{ly - 9}" width="10" height="10" fill="{colours[t]}"/>')
            parts.append(f'<text x="{width - 186 + j * 95}" y="{ly}">{t}</text>')
    parts.append("</svg>")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(parts) + "\n")


def main():
    a = parse_args()
    runs = load(a.raw)
    scenarios = []
    for (scenario, conns, _target) in runs:
        if (scenario, conns) not in scenarios:
            scenarios.append((scenario, conns))
    rows = []
    for scenario, conns in scenarios:
        p = summarise(runs[(scenario, conns, "paydesk")])
        b = summarise(runs[(scenario, conns, "baseline")])
        rows.append({"scenario": scenario, "connections": conns, "paydesk": p, "baseline": b,
                     "ratio": p["rps"] / b["rps"] if b["rps"] else 0.0})

    startup = {}
    with open(a.startup, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                provider, ms = line.split()
                startup.setdefault(provider, []).append(int(ms))
    ready = {k: statistics.median(v) for k, v in startup.items()}
    rss_mb = a.peak_rss_kb / 1024
    max_conns = max(c for _, c in scenarios)

    md = []
    md.append("# Paydesk benchmark: latest results\n")
    warmups = load_warmups(a.warmups)
    if warmups and a.warmup_max and a.warmup_max > a.warmup:
        warmup_text = (f"warm-up per scenario at the most connections, in steps of {a.warmup} s until Paydesk's JIT had settled "
                       f"(fewer than {a.jit_settled} methods compiled per second; at most {a.warmup_max} s), the baseline as long")
    else:
        warmup_text = f"{a.warmup} s warm-up per scenario and target (at the most connections)"
    md.append(f"Run: {datetime.now(timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}, mode **{a.mode}**: "
              f"{warmup_text}, then {a.rounds} round(s) of {a.duration} s, "
              "Paydesk and baseline alternated; figures are medians of the rounds.\n")
    md.append(f"Machine: {a.nproc} CPU(s), {escape(a.cpu)}, {a.mem_kb / 1024 / 1024:.1f} GiB memory; "
              f"shared and noisy, so read the ratios, not the absolute numbers. "
              f".NET SDK {a.dotnet}, {a.postgres} (fsync off), {a.wrk.split(' [')[0]}.\n")
    try:
        with open("/proc/loadavg", encoding="utf-8") as f:
            loadavg = " / ".join(f.read().split()[:3])
        md.append(f"Load average at the end of the run (1/5/15 min, from all users of the machine): {loadavg}.\n")
    except OSError:
        pass
    md.append(f"Paydesk: {a.configuration}, `ASPNETCORE_ENVIRONMENT=Production`, PostgreSQL, the Stripe adapter against the in-process sandbox emulator (no processing delay), "
              "logs at Warning. Baseline: `bench/Baseline` (raw Npgsql, pooled data source, prepared statements).\n")
    md.append("| Scenario | Conns | Paydesk req/s | p50 ms | p99 ms | Baseline req/s | p50 ms | p99 ms | Ratio | Errors (P/B) |")
    md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        p, b = r["paydesk"], r["baseline"]
        md.append(f"| `{r['scenario']}` | {r['connections']} | {p['rps']:,.0f} | {p['p50_ms']:.2f} | {p['p99_ms']:.2f} | "
                  f"{b['rps']:,.0f} | {b['p50_ms']:.2f} | {b['p99_ms']:.2f} | {r['ratio']:.2f} | {p['errors']}/{b['errors']} |")
    md.append("")
    md.append(f"Peak RSS of Paydesk under load (VmHWM): **{rss_mb:.0f} MB** (baseline: {a.baseline_rss_kb / 1024:.0f} MB).  ")
    md.append("Start to `/health/ready` 200 (median of " + str(a.startup_runs or a.rounds) + "): " +
              ", ".join(f"{k}: **{v:.0f} ms**" for k, v in sorted(ready.items())) + ".\n")
    drained = [r for r in rows if r["paydesk"]["drain_s"] is not None]
    if drained:
        md.append("Background work: a registration's welcome email and a charge's receipt are sent after the answer, by the "
                  "in-process outbox relay and its handlers. The harness waits until that work has drained after each Paydesk run "
                  "(so it never lands in the next run); counted over the run and the drain, Paydesk holds this rate for as long "
                  "as the load lasts. The baseline has no such work.\n")
        md.append("| Scenario | Conns | Drain after the run, s | Paydesk req/s incl. drain | Ratio incl. drain |")
        md.append("|---|---:|---:|---:|---:|")
        for r in drained:
            p, b = r["paydesk"], r["baseline"]
            ratio = p["rps_with_drain"] / b["rps"] if b["rps"] else 0.0
            md.append(f"| `{r['scenario']}` | {r['connections']} | {p['drain_s']:.1f} | {p['rps_with_drain']:,.0f} | {ratio:.2f} |")
        md.append("")
    if warmups:
        md.append("Warm-up: how long Paydesk ran each scenario before it was measured, and what its JIT compiled meanwhile "
                  "(tiered compilation re-compiles hot methods while the load runs; a Paydesk process just deployed "
                  "serves its first minute or so more slowly).\n")
        md.append("| Scenario | Warm-up s | Methods compiled | In the last step |")
        md.append("|---|---:|---:|---:|")
        for name, seconds, compiled, last in warmups:
            md.append(f"| `{name}` | {seconds} | {compiled:,} | {last:,} |")
        md.append("")
    relay = None
    if a.relay:
        with open(a.relay, encoding="utf-8") as f:
            relay = json.load(f)
        md.append("## Outbox relay to RabbitMQ (publisher confirms)\n")
        md.append(f"`bench/relay`: {relay['events']:,} events from PostgreSQL through the relay against a bare RabbitMQ.Client "
                  f"confirm-publish loop of the same events; then commit → broker latency at {relay['latency_rate']:,} events/s "
                  f"for {relay['latency_seconds']} s with {relay['workers']} relay worker(s) ({relay['latency_events']:,} events).\n")
        md.append("| Bare confirm loop ev/s | Relay ev/s | Ratio | Commit→broker p50 ms | p99 ms | max ms |")
        md.append("|---:|---:|---:|---:|---:|---:|")
        md.append(f"| {relay['bare_rate']:,.0f} | {relay['relay_rate']:,.0f} | {relay['ratio']:.2f} | "
                  f"{relay['p50_ms']:.1f} | {relay['p99_ms']:.1f} | {relay['max_ms']:.1f} |")
        md.append("")
    md.append("## Against the goals (issue 8)\n")
    md.append("| Goal | Figure | Verdict |")
    md.append("|---|---|---|")
    for r in rows:
        goal = RATIO_GOALS.get(r["scenario"])
        if goal is not None:
            md.append(f"| `{r['scenario']}` c={r['connections']} ratio ≥ {goal} | {r['ratio']:.2f} | {row_verdict(r, r['ratio'] >= goal)} |")
    for r in rows:
        if r["connections"] == max_conns:
            ok = r["paydesk"]["p99_ms"] < P99_GOAL_MS
            md.append(f"| `{r['scenario']}` p99 at {max_conns} connections < {P99_GOAL_MS:.0f} ms | {r['paydesk']['p99_ms']:.1f} ms | {row_verdict(r, ok)} |")
    md.append(f"| Peak RSS < {RSS_GOAL_MB:.0f} MB | {rss_mb:.0f} MB | {verdict(rss_mb < RSS_GOAL_MB)} |")
    if "Sqlite" in ready:
        md.append(f"| Ready < {SQLITE_READY_GOAL_MS} ms on SQLite | {ready['Sqlite']:.0f} ms | {verdict(ready['Sqlite'] < SQLITE_READY_GOAL_MS)} |")
    if relay is not None:
        md.append(f"| Relay ≥ {RELAY_RATIO_GOAL} of bare confirm rate | {relay['ratio']:.2f} | {verdict(relay['ratio'] >= RELAY_RATIO_GOAL)} |")
        md.append(f"| Commit → broker p99 < {RELAY_P99_GOAL_MS:.0f} ms (issue 4's goal) | {relay['p99_ms']:.1f} ms | "
                  f"{verdict(relay['p99_ms'] < RELAY_P99_GOAL_MS)} |")
    else:
        md.append(f"| Relay ≥ {RELAY_RATIO_GOAL} of bare confirm rate | not measured in this run | n/a |")
    md.append("")
    md.append("![Throughput and p99 per scenario](chart.svg)\n")
    text = "\n".join(md)
    os.makedirs(a.out, exist_ok=True)
    with open(os.path.join(a.out, "latest.md"), "w", encoding="utf-8") as f:
        f.write(text)
    svg_chart(rows, os.path.join(a.out, "chart.svg"))
    print(text)
    failing = [f"{r['scenario']} c={r['connections']}" for r in rows if r["paydesk"]["errors"] or r["baseline"]["errors"]]
    if failing:
        # A run with failed requests measures the failures, not the service: say so and fail.
        print("bench: ERROR: requests failed (non-2xx, timeouts or socket errors) in: " + "; ".join(failing))
        raise SystemExit(1)


if __name__ == "__main__":
    main()
