#!/usr/bin/env python3
"""Turns bench/run.sh's raw wrk results into bench/results/latest.md and chart.svg (and prints the table)."""
import argparse
import json
import os
import statistics
import sys
from datetime import datetime, timezone
from html import escape

sys.dont_write_bytecode = True  # no __pycache__ beside the scripts in the work tree
from report_work import (  # noqa: E402 (after the bytecode switch)
    READ_P99_GOAL_MS, READ_RATIO_GOAL, REALISTIC_SHARE_GOAL, RELAY_P99_GOAL_MS, RELAY_RATIO_GOAL,
    RSS_GOAL_MB, SINGLE_INSERT_NOTE, SQLITE_READY_GOAL_MS, WORK, WRITE_P99_GOAL_MS, WRITE_RATIO_GOAL, is_read)


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
    p.add_argument("--realistic", help="the realistic-gateway scenario's JSON (bench/realistic.sh); absent: not measured")
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

    def answered(r):
        return max(r["requests"] - failed(r), 0)

    def per_request(key):
        # CPU time of the process over the run (or until its outbox had drained), per answered request.
        if not all(key in r for r in results):
            return None
        return statistics.median(r[key] / answered(r) if answered(r) else 0.0 for r in results)

    # Only answered 2xx requests count: a fast 429 or 500 is not throughput.
    rps = [answered(r) / (r["duration_us"] / 1e6) for r in results]
    errors = sum(failed(r) for r in results)
    drained = all("drain_ms" in r for r in results)
    return {
        "rps": statistics.median(rps),
        "p50_ms": statistics.median(r["p50_us"] for r in results) / 1000,
        "p99_ms": statistics.median(r["p99_us"] for r in results) / 1000,
        "errors": errors,
        "requests": sum(r["requests"] for r in results),
        # How long the outbox took to drain after each run (the work done after the answer).
        "drain_s": statistics.median(r["drain_ms"] for r in results) / 1000 if drained else None,
        "rps_with_drain": statistics.median(
            answered(r) / (r["duration_us"] / 1e6 + r["drain_ms"] / 1000) for r in results) if drained else None,
        "cpu_us": per_request("cpu_us"),
        "cpu_drain_us": per_request("cpu_drain_us"),
        "cores": statistics.median(r["cpu_us"] / r["duration_us"] for r in results) if all("cpu_us" in r for r in results) else None,
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
    names = {"paydesk": "paydesk", "baseline": "honest floor"}
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
            parts.append(f'<text x="{width - 186 + j * 95}" y="{ly}">{names[t]}</text>')
    parts.append("</svg>")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(parts) + "\n")


def fmt(value, spec=",.0f"):
    return "n/a" if value is None else format(value, spec)


def ratio(a, b):
    return a / b if a is not None and b else 0.0


def with_drain(stats):
    """The rate held over the run and its drain; a target without background work holds its plain rate."""
    return stats["rps_with_drain"] if stats["rps_with_drain"] is not None else stats["rps"]


def drain_section(rows):
    md = ["Background work: a registration's welcome email and a charge's receipt are sent after the answer, by each side's "
          "outbox relay and handlers. After every run the harness waits until that side's outbox has drained (so it never "
          "lands in the next run) and counts the run and the drain together: the rate each side holds for as long as the "
          "load lasts. The floor's drain is counted the same way.\n",
          "| Scenario | Conns | Drain after the run, s | Paydesk req/s incl. drain | Floor drain, s | Floor req/s incl. drain | Ratio incl. drain |",
          "|---|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        p, b = r["paydesk"], r["baseline"]
        floor_drain = f"{b['drain_s']:.1f}" if b["drain_s"] is not None else "n/a"
        md.append(f"| `{r['scenario']}` | {r['connections']} | {p['drain_s']:.1f} | {p['rps_with_drain']:,.0f} | {floor_drain} | "
                  f"{with_drain(b):,.0f} | {r['ratio_drain']:.2f} |")
    md.append("")
    return md


def cpu_section(rows, nproc):
    md = ["CPU per request: each process's user + system CPU time (`/proc/PID/stat`) over the measured run, divided by the "
          "requests it answered, and the same until its outbox had drained (so with the background work). Paydesk's figure is "
          "Paydesk's process alone: the sandbox, PostgreSQL and wrk run in their own processes. "
          f"Cores: Paydesk's CPU time over the run's wall time (of {nproc}).\n",
          "| Scenario | Conns | Paydesk µs/req | incl. drain | Floor µs/req | incl. drain | Paydesk / floor incl. drain | Paydesk cores |",
          "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        p, b = r["paydesk"], r["baseline"]
        md.append(f"| `{r['scenario']}` | {r['connections']} | {fmt(p['cpu_us'])} | {fmt(p['cpu_drain_us'])} | {fmt(b['cpu_us'])} | "
                  f"{fmt(b['cpu_drain_us'])} | {fmt(ratio(p['cpu_drain_us'], b['cpu_drain_us']), '.2f')} | {fmt(p['cores'], '.2f')} |")
    md.append("")
    return md


def single_section(rows):
    single = [r for r in rows if r["single"] is not None]
    if not single:
        return []
    md = [SINGLE_INSERT_NOTE + "\n",
          "| Scenario | Conns | Single-insert floor (issue 8) req/s | p50 ms | p99 ms | Paydesk ratio to it | incl. Paydesk's drain |",
          "|---|---:|---:|---:|---:|---:|---:|"]
    for r in single:
        p, s = r["paydesk"], r["single"]
        md.append(f"| `{r['scenario']}` | {r['connections']} | {s['rps']:,.0f} | {s['p50_ms']:.2f} | {s['p99_ms']:.2f} | "
                  f"{ratio(p['rps'], s['rps']):.2f} | {ratio(with_drain(p), s['rps']):.2f} |")
    md.append("")
    return md


def work_section():
    md = ["## What each side does\n",
          "The floor (`bench/Baseline`) does, per scenario, the same essential I/O as Paydesk at its rawest: the statements "
          "below are Paydesk's own (from its PostgreSQL statement log), sent by raw Npgsql with prepared statements and the "
          "same transactions. Each side has its own database (the same schema, migrated by Paydesk), so neither relay "
          "delivers the other's events. The sandbox sends no webhooks to either.\n",
          "| Scenario | Paydesk | Floor |", "|---|---|---|"]
    for scenario, (paydesk, floor) in WORK.items():
        md.append(f"| `{scenario}` | {paydesk} | {floor} |")
    md.append("")
    return md


def realistic_section(realistic):
    rows = realistic["rounds"]
    stats = summarise(rows)
    bound = realistic["connections"] / (realistic["latency_ms"] / 1000)
    share = stats["rps"] / bound if bound else 0.0
    md = ["## Charges with a realistic gateway\n",
          f"`POST /v1/payments` at {realistic['connections']} connections against a second sandbox that answers every "
          f"PaymentIntent create after {realistic['latency_ms']} ms (`PaymentGateway:Sandbox:Latency`), on a fresh Paydesk "
          f"process with `Database:MaxPoolSize={realistic['pool']}` (warmed up {realistic['warmup_s']} s). The bound is "
          f"connections / latency = {bound:,.0f} req/s. Any non-2xx answer or socket error counts as an error.\n",
          "| Bound req/s | Paydesk req/s | Share of bound | p50 ms | p99 ms | Errors | Drain s | CPU µs/req | incl. drain | Paydesk cores |",
          "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
          f"| {bound:,.0f} | {stats['rps']:,.0f} | {share:.2f} | {stats['p50_ms']:.1f} | {stats['p99_ms']:.1f} | {stats['errors']} | "
          f"{fmt(stats['drain_s'], '.1f')} | {fmt(stats['cpu_us'])} | {fmt(stats['cpu_drain_us'])} | {fmt(stats['cores'], '.2f')} |", ""]
    metrics = realistic.get("metrics_max", {})
    md.append("Pool and thread pool while it ran: the most each series read, sampled from Paydesk's `/metrics` (Npgsql's "
              "`db.client.connection.*`, the .NET runtime's `dotnet.thread_pool.*`) and `/proc/PID/status` (threads) every second.\n")
    if metrics:
        md.append("| Series | Most |")
        md.append("|---|---:|")
        for key in sorted(metrics):
            md.append(f"| `{key}` | {metrics[key]:,.3f} |".replace(".000 |", " |"))
    else:
        md.append("No series were sampled (Paydesk's `/metrics` exposed none of them).")
    md.append("")
    return md, stats, share


def goals_section(rows, rss_mb, ready, relay, realistic, nproc):
    md = ["## Against the goals (issue 20)\n", "| Goal | Figure | Verdict |", "|---|---|---|"]
    for r in rows:
        goal = READ_RATIO_GOAL if is_read(r["scenario"]) else WRITE_RATIO_GOAL
        md.append(f"| `{r['scenario']}` c={r['connections']} ratio ≥ {goal} of the honest floor, incl. drain | "
                  f"{r['ratio_drain']:.2f} | {row_verdict(r, r['ratio_drain'] >= goal)} |")
    max_conns = max(r["connections"] for r in rows)
    for r in rows:
        if r["connections"] == max_conns:
            goal = READ_P99_GOAL_MS if is_read(r["scenario"]) else WRITE_P99_GOAL_MS
            ok = r["paydesk"]["p99_ms"] < goal
            md.append(f"| `{r['scenario']}` p99 at {max_conns} connections < {goal:.0f} ms | {r['paydesk']['p99_ms']:.1f} ms | {row_verdict(r, ok)} |")
    md.append(f"| Peak RSS < {RSS_GOAL_MB:.0f} MB | {rss_mb:.0f} MB | {verdict(rss_mb < RSS_GOAL_MB)} |")
    if "Sqlite" in ready:
        md.append(f"| Ready < {SQLITE_READY_GOAL_MS} ms on SQLite | {ready['Sqlite']:.0f} ms | {verdict(ready['Sqlite'] < SQLITE_READY_GOAL_MS)} |")
    if realistic is not None:
        stats, share = realistic
        if stats["errors"]:
            text = f"**invalid**: {stats['errors']} failed requests"
        elif share >= REALISTIC_SHARE_GOAL:
            text = "met"
        else:
            text = f"**missed** (Paydesk used {fmt(stats['cores'], '.2f')} of {nproc} cores)"
        md.append(f"| Realistic gateway ≥ {REALISTIC_SHARE_GOAL} of its bound, no errors | {share:.2f} of the bound, "
                  f"{stats['errors']} errors, {fmt(stats['cpu_us'])} µs CPU/req | {text} |")
    else:
        md.append(f"| Realistic gateway ≥ {REALISTIC_SHARE_GOAL} of its bound | not measured in this run | n/a |")
    if relay is not None:
        md.append(f"| Relay ≥ {RELAY_RATIO_GOAL} of bare confirm rate | {relay['ratio']:.2f} | {verdict(relay['ratio'] >= RELAY_RATIO_GOAL)} |")
        md.append(f"| Commit → broker p99 < {RELAY_P99_GOAL_MS:.0f} ms (issue 4's goal) | {relay['p99_ms']:.1f} ms | "
                  f"{verdict(relay['p99_ms'] < RELAY_P99_GOAL_MS)} |")
    else:
        md.append(f"| Relay ≥ {RELAY_RATIO_GOAL} of bare confirm rate | not measured in this run | n/a |")
    md.append("")
    return md


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
        single = runs.get((scenario, conns, "single"))
        rows.append({"scenario": scenario, "connections": conns, "paydesk": p, "baseline": b,
                     "single": summarise(single) if single else None,
                     "ratio": ratio(p["rps"], b["rps"]), "ratio_drain": ratio(with_drain(p), with_drain(b))})

    startup = {}
    with open(a.startup, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                provider, ms = line.split()
                startup.setdefault(provider, []).append(int(ms))
    ready = {k: statistics.median(v) for k, v in startup.items()}
    rss_mb = a.peak_rss_kb / 1024

    md = ["# Paydesk benchmark: latest results\n"]
    warmups = load_warmups(a.warmups)
    if warmups and a.warmup_max and a.warmup_max > a.warmup:
        warmup_text = (f"warm-up per scenario at the most connections, in steps of {a.warmup} s until Paydesk's JIT had settled "
                       f"(fewer than {a.jit_settled} methods compiled per second; at most {a.warmup_max} s), the floor as long")
    else:
        warmup_text = f"{a.warmup} s warm-up per scenario and target (at the most connections)"
    md.append(f"Run: {datetime.now(timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}, mode **{a.mode}**: "
              f"{warmup_text}, then {a.rounds} round(s) of {a.duration} s, "
              "Paydesk and the floor alternated; figures are medians of the rounds.\n")
    md.append(f"Machine: {a.nproc} CPU(s), {escape(a.cpu)}, {a.mem_kb / 1024 / 1024:.1f} GiB memory; "
              f"shared and noisy, so read the ratios, not the absolute numbers. "
              f".NET SDK {a.dotnet}, {a.postgres} (fsync off), {a.wrk.split(' [')[0]}.\n")
    try:
        with open("/proc/loadavg", encoding="utf-8") as f:
            loadavg = " / ".join(f.read().split()[:3])
        md.append(f"Load average at the end of the run (1/5/15 min, from all users of the machine): {loadavg}.\n")
    except OSError:
        pass
    md.append(f"Paydesk: {a.configuration}, `ASPNETCORE_ENVIRONMENT=Production`, PostgreSQL, the Stripe adapter against the sandbox "
              "(`src/Paydesk.Sandbox`) running as its own process (no latency, no processing delay, no webhooks), emails to a pickup "
              "folder, logs at Warning. Floor: `bench/Baseline`, the honest floor (below), against the same sandbox.\n")
    md.append("| Scenario | Conns | Paydesk req/s | p50 ms | p99 ms | Floor req/s | p50 ms | p99 ms | Ratio | Errors (P/F) |")
    md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        p, b = r["paydesk"], r["baseline"]
        md.append(f"| `{r['scenario']}` | {r['connections']} | {p['rps']:,.0f} | {p['p50_ms']:.2f} | {p['p99_ms']:.2f} | "
                  f"{b['rps']:,.0f} | {b['p50_ms']:.2f} | {b['p99_ms']:.2f} | {r['ratio']:.2f} | {p['errors']}/{b['errors']} |")
    md.append("")
    md.append(f"Peak RSS of Paydesk under load (VmHWM): **{rss_mb:.0f} MB** (floor: {a.baseline_rss_kb / 1024:.0f} MB).  ")
    md.append("Start to `/health/ready` 200 (median of " + str(a.startup_runs or a.rounds) + "): " +
              ", ".join(f"{k}: **{v:.0f} ms**" for k, v in sorted(ready.items())) + ".\n")
    if all(r["paydesk"]["drain_s"] is not None for r in rows):
        md += drain_section(rows)
    md += cpu_section(rows, a.nproc)
    md += single_section(rows)
    realistic = None
    if a.realistic:
        with open(a.realistic, encoding="utf-8") as f:
            section, stats, share = realistic_section(json.load(f))
        md += section
        realistic = (stats, share)
    md += work_section()
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
    md += goals_section(rows, rss_mb, ready, relay, realistic, a.nproc)
    md.append("![Throughput and p99 per scenario](chart.svg)\n")
    text = "\n".join(md)
    os.makedirs(a.out, exist_ok=True)
    with open(os.path.join(a.out, "latest.md"), "w", encoding="utf-8") as f:
        f.write(text)
    svg_chart(rows, os.path.join(a.out, "chart.svg"))
    print(text)
    failing = [f"{r['scenario']} c={r['connections']}" for r in rows
               if r["paydesk"]["errors"] or r["baseline"]["errors"] or (r["single"] and r["single"]["errors"])]
    if realistic is not None and realistic[0]["errors"]:
        failing.append("charges with a realistic gateway")
    if failing:
        # A run with failed requests measures the failures, not the service: say so and fail.
        print("bench: ERROR: requests failed (non-2xx, timeouts or socket errors) in: " + "; ".join(failing))
        raise SystemExit(1)


if __name__ == "__main__":
    main()
