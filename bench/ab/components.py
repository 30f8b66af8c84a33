#!/usr/bin/env python3
"""Splits a `perf script` dump of one Paydesk process into components (decision 0014).

Each sample goes to the innermost frame of its stack that belongs to a known component, so the
time a component spends in the runtime, the kernel or helpers on its behalf counts as its own.
Prints each component's share of the samples; multiplied by the CPU per request it gives the
component's microseconds per request.

    perf script -i perf.data | bench/ab/components.py [CPU-US-PER-REQUEST]
"""
import re
import sys

COMPONENTS = [  # first match wins, innermost frame first
    ("JSON", re.compile(r"System\.Text\.Json")),
    ("Npgsql (driver)", re.compile(r"\bNpgsql\.")),
    ("EF Core", re.compile(r"Microsoft\.EntityFrameworkCore")),
    ("Telemetry (OpenTelemetry, Activity, metrics)", re.compile(r"OpenTelemetry|System\.Diagnostics\.(Activity|Metrics|DiagnosticListener|DiagnosticSource)")),
    ("Logging", re.compile(r"Microsoft\.Extensions\.Logging|Paydesk\.Api\.Observability\.RequestLogging")),
    ("Auth (API key, authorization)", re.compile(r"Microsoft\.AspNetCore\.Authentication|Microsoft\.AspNetCore\.Authorization|Paydesk\.Api\.Auth|System\.Security\.(Claims|Cryptography)")),
    ("Rate limiter", re.compile(r"RateLimit")),
    ("Routing", re.compile(r"Microsoft\.AspNetCore\.Routing")),
    ("Endpoint and Paydesk code", re.compile(r"Microsoft\.AspNetCore\.Http\.(RequestDelegateFactory|Generated)|\bPaydesk\.")),
    ("Kestrel, sockets, pipelines", re.compile(r"Kestrel|System\.Net\.Sockets|System\.IO\.Pipelines|Microsoft\.AspNetCore\.Server")),
    ("Other ASP.NET Core middleware", re.compile(r"Microsoft\.AspNetCore\.")),
    ("Dependency injection", re.compile(r"Microsoft\.Extensions\.DependencyInjection")),
    ("GC", re.compile(r"\bWKS::|\bSVR::|gc_heap|GCHeap|::gc\b|Gc[A-Z]")),
    ("JIT", re.compile(r"libclrjit")),
    ("Thread pool, async machinery", re.compile(r"System\.Threading|System\.Runtime\.CompilerServices")),
]


def classify(frames):
    for frame in frames:  # innermost first
        for name, pattern in COMPONENTS:
            if pattern.search(frame):
                return name
    if frames and "kernel" in frames[0]:
        return "Kernel (other)"
    return "Other (runtime, libraries)"


def main():
    per_request = float(sys.argv[1]) if len(sys.argv) > 1 else None
    counts, total, frames = {}, 0, []

    def flush():
        nonlocal total, frames
        if frames:
            name = classify(frames)
            counts[name] = counts.get(name, 0) + 1
            total += 1
        frames = []

    for line in sys.stdin:
        if not line.strip():
            flush()
        elif line.startswith((" ", "\t")):
            frames.append(line.strip())
        else:
            flush()
    flush()
    for name, n in sorted(counts.items(), key=lambda kv: -kv[1]):
        share = n / total
        extra = f"\t{share * per_request:.0f} µs" if per_request else ""
        print(f"{name}\t{share * 100:.1f} %{extra}")
    print(f"samples\t{total}")


if __name__ == "__main__":
    main()
