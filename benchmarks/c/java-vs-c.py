#!/usr/bin/env python3
"""Java against C on this machine, back to back: the ratios issue 9's goals are judged by.

For every case (round trip or stream, transport, size, placement) it runs the JMH benchmark
(one short fork) and the C reference (ipcref) one after the other, alternating which goes
first, ROUNDS times, and prints the median Java/C ratio with its range. On virtual machines the
cost of a cross-core wake-up changes regime within minutes, so only ratios of neighbouring runs
mean anything.

  benchmarks/c/java-vs-c.py [--rounds N] [--ops roundtrip,stream] [--transports pipe,tcp]
                            [--sizes 64,1024] [--placements same,cross] [--wait spin]

Needs benchmarks/target/benchmarks.jar (./mvnw -B package -DskipTests) and a C compiler.
Prints one JSON line per run and a table at the end.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
JAR = os.path.join(ROOT, "benchmarks", "target", "benchmarks.jar")
SOURCE = os.path.join(ROOT, "benchmarks", "c", "ipcref.c")
C_MECH = {"pipe": "pipe", "fifo": "fifo", "uds": "uds", "uds-junix": "uds", "tcp": "tcp", "udp": "udp",
          "uds-dgram": "uds-dgram", "uds-seqpacket": "uds-seqpacket", "shm": "ring", "mmap": "ring"}
CPUS = {"same": (0, 0), "cross": (0, 1)}


def build():
    binary = os.path.join(tempfile.gettempdir(), "ipcref-java-vs-c")
    subprocess.run(["cc", "-O2", "-o", binary, SOURCE], check=True)
    return binary


def run_c(binary, op, transport, size, placement, wait, measure_ms):
    cpu, peer = CPUS[placement]
    cmd = [binary, op, C_MECH.get(transport, transport), str(size), "--cpu", str(cpu), "--peer-cpu", str(peer),
           "--warmup-ms", "500", "--measure-ms", str(measure_ms)]
    if transport in ("shm", "mmap", "cacheline"):
        cmd += ["--wait", wait if wait in ("spin", "yield") else "yield"]
    out = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)
    return out["meanNs"] if op == "roundtrip" else out["msgsPerSec"], out


def run_java(op, transport, size, placement, wait, measure_ms):
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as f:
        result = f.name
    bench = "RoundTripBenchmark" if op == "roundtrip" else "ThroughputBenchmark"
    cmd = ["java", "-jar", JAR, bench, "-p", "transport=" + transport, "-p", "size=" + str(size),
           "-p", "placement=" + placement, "-p", "wait=" + (wait if transport in ("shm", "mmap") else "default"),
           "-f", "1", "-wi", "2", "-w", "500ms", "-i", "2", "-r", "%dms" % measure_ms, "-rf", "json", "-rff", result]
    if op == "roundtrip":
        cmd += ["-bm", "avgt", "-tu", "ns"]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    try:
        with open(result) as f:
            data = json.load(f)
    finally:
        os.unlink(result)
    if proc.returncode != 0 or not data:
        sys.exit("JMH failed for %s %s %s %s:\n%s" % (op, transport, size, placement, proc.stdout[-3000:]))
    return data[0]["primaryMetric"]["score"], data[0]["primaryMetric"]


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--ops", default="roundtrip")
    p.add_argument("--transports", default="pipe,fifo,uds,tcp,udp")
    p.add_argument("--sizes", default="64,1024,32768")
    p.add_argument("--placements", default="cross,same")
    p.add_argument("--wait", default="spin")
    p.add_argument("--measure-ms", type=int, default=1000)
    a = p.parse_args()
    binary = build()
    rows = []
    for op in a.ops.split(","):
        for transport in a.transports.split(","):
            for size in [int(s) for s in a.sizes.split(",")]:
                for placement in a.placements.split(","):
                    if placement == "same" and a.wait == "spin" and transport in ("shm", "mmap"):
                        continue
                    ratios, javas, cs, floors = [], [], [], []
                    ring = transport in ("shm", "mmap") and op == "roundtrip"
                    r = attempts = 0
                    while r < a.rounds and attempts < 4 * a.rounds:
                        attempts += 1
                        order = [0, 1] if r % 2 == 0 else [1, 0]
                        got = {}
                        # For rings, the floor is measured before, between and after: a round in which
                        # the machine changed regime (the floor moved by more than a quarter) is dropped.
                        regime = [run_c(binary, op, "cacheline", size, placement, "spin", 300)[0]] if ring else []
                        for who in order:
                            if who == 0:
                                got["c"] = run_c(binary, op, transport, size, placement, a.wait, a.measure_ms)[0]
                            else:
                                got["java"] = run_java(op, transport, size, placement, a.wait, a.measure_ms)[0]
                            if ring:
                                regime.append(run_c(binary, op, "cacheline", size, placement, "spin", 300)[0])
                        if ring and max(regime) > 1.25 * min(regime):
                            print(json.dumps({"op": op, "transport": transport, "size": size, "dropped": regime}),
                                  flush=True)
                            continue
                        if ring:
                            floors.append(got["java"] / statistics.median(regime))
                        # Java over C: a cost ratio for round trips (lower is better), a rate ratio
                        # for streams (higher is better).
                        ratio = got["java"] / got["c"]
                        ratios.append(ratio)
                        javas.append(got["java"])
                        cs.append(got["c"])
                        r += 1
                        print(json.dumps({"op": op, "transport": transport, "size": size, "placement": placement,
                                          "wait": a.wait, "round": r, "java": got["java"], "c": got["c"],
                                          "ratio": ratio, "javaOverFloor": floors[-1] if ring else None,
                                          "floors": regime}),
                              flush=True)
                    if not ratios:
                        print("no round of %s %s %d %s kept: the machine kept changing regime" % (op, transport, size,
                                                                                                placement))
                        continue
                    rows.append((op, transport, size, placement, statistics.median(javas), statistics.median(cs),
                                 statistics.median(ratios), min(ratios), max(ratios),
                                 "%.2f (%.2f-%.2f)" % (statistics.median(floors), min(floors), max(floors))
                                 if floors else ""))
    unit = {"roundtrip": "ns (mean)", "stream": "msg/s"}
    print()
    print("| op | transport | size | placement | Java | C | Java/C median (min-max) | Java/floor |")
    print("|---|---|---:|---|---:|---:|---:|---:|")
    for op, t, s, pl, j, c, med, lo, hi, fl in rows:
        print("| %s | %s | %d | %s | %.4g %s | %.4g | %.2f (%.2f-%.2f) | %s |"
              % (op, t, s, pl, j, unit[op], c, med, lo, hi, fl))


if __name__ == "__main__":
    main()
