#!/usr/bin/env python3
"""Reliability and security probe for ipcbench, run as a hostile and as a careless local user would.

Runs three kinds of checks against a built benchmarks.jar and prints one line per check,

    PASS|FAIL  category  name  : detail

then the totals of each category:

  input     a bad input (CLI flag or value, malformed result file, broken plug-in jar, ...):
            PASS when it gave a clear error: the expected non-zero exit code (2 for bad arguments),
            a message of one or two lines (before any usage text) that names the problem, no Java
            stack trace, no hang, and nothing left behind (no new file, no ipcbench-* directory).
  fault     a fault injected into a running benchmark (kill -9 / SIGSTOP of the peer or of the
            JMH fork, Ctrl-C, read-only or full disks, deleted or corrupted private files, ...):
            PASS when it survived: a failure message naming the cause within the deadline (no
            hang), no orphan process, nothing left in the temp directories, earlier results intact.
  security  a protection the README promises (loopback-only listeners, private 0700 directories,
            0600 ring files and FIFOs unlinked after connection, impostors refused, no writes
            through planted links, the secret out of command lines, ...): PASS when observed.

Every check observes behaviour (exit codes, output, files, processes); nothing passes by default.
The probe always exits 0. It launches JVMs one after another, never two runs at once; on a shared
machine run it under the CPU lock: flock /tmp/cpu.lock python3 scripts/probe/reliability-probe.py

Needs: Linux, root (for the read-only and full-disk mounts, /proc/PID/map_files and acting as
another user with setpriv), python3, java (and javac/jar for the plug-in jars), ss.
"""

import argparse
import hashlib
import json
import os
import random
import re
import shutil
import signal
import socket
import stat
import struct
import subprocess
import sys
import threading
import time
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PEER_CLASS = "dev.ipcbench.peer.Peer"
FORK_CLASS = "org.openjdk.jmh.runner.ForkedMain"
CLI_CLASS = "dev.ipcbench.cli.IpcBench"
HELLO_MAGIC = 0x4950434248454C4F  # "IPCBHELO"
SECRET_VAR = "IPCBENCH_PEER_SECRET"
NOBODY = 65534

# JMH settings that keep a run tiny, and ones that leave time to act while it measures.
TINY = ["--", "-f", "1", "-wi", "0", "-i", "1", "-r", "200ms"]
SHORT = ["--", "-f", "1", "-wi", "0", "-i", "6", "-r", "300ms"]
LONG = ["--", "-f", "1", "-wi", "0", "-i", "60", "-r", "500ms"]

STACK_RE = re.compile(r"^[\s|]+at [\w$.<>/]+\(|^[\s|]*Caused by: |Exception in thread ", re.M)

RESULTS = {"input": [], "fault": [], "security": []}
ARGS = None
WORK = None
JAVA = "java"
JAVA_FLAGS = []
MOUNTS = []  # mount points to undo at exit
STARTED = []  # Popen objects of background runs, to end at exit


# ----------------------------------------------------------------------------------------------
# reporting


def report(category, name, ok, detail):
    detail = " ".join(str(detail).split())
    if len(detail) > 600:
        detail = detail[:600] + " ..."
    RESULTS[category].append((name, ok, detail))
    print(f"{'PASS' if ok else 'FAIL'}  {category:8}  {name}  : {detail}", flush=True)


def selected(name):
    return ARGS.only is None or re.search(ARGS.only, name) is not None


# ----------------------------------------------------------------------------------------------
# processes and files


def feature_release(java):
    """The JDK's feature release, as scripts/ipcbench reads it (from the release file)."""
    try:
        path = os.path.realpath(shutil.which(java) or java)
        home = os.path.dirname(os.path.dirname(path))
        with open(os.path.join(home, "release")) as f:
            m = re.search(r'^JAVA_VERSION="(\d+)', f.read(), re.M)
            return int(m.group(1)) if m else 0
    except OSError:
        return 0


def java_cmd(tmp, main=CLI_CLASS, cp=None):
    """The JVM command scripts/ipcbench runs, with a private java.io.tmpdir (the check's marker)."""
    return (
        [JAVA]
        + JAVA_FLAGS
        + [f"-Djava.io.tmpdir={tmp}", f"-Dipcbench.home={WORK}", "-cp", cp or ARGS.jar, main]
    )


def new_tmp(name):
    """A fresh temp directory for one check; its path marks the check's processes."""
    d = os.path.join(WORK, "tmp", re.sub(r"[^A-Za-z0-9_.-]", "_", name))
    if os.path.lexists(d):
        force_rmtree(d)
    os.makedirs(d)
    return d


def force_rmtree(path):
    subprocess.run(["rm", "-rf", "--one-file-system", path], check=False)


def cmdline(pid):
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return f.read().replace(b"\0", b" ").decode("utf-8", "replace")
    except OSError:
        return ""


def state(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return None


def procs(marker, what=None):
    """Live processes (not zombies) whose command line holds marker (and what)."""
    found = []
    me = os.getpid()
    for p in os.listdir("/proc"):
        if not p.isdigit() or int(p) == me:
            continue
        c = cmdline(p)
        if marker in c and (what is None or what in c) and state(p) not in (None, "Z", "X"):
            found.append((int(p), c))
    return found


def wait_for(pred, timeout, step=0.01):
    end = time.time() + timeout
    while time.time() < end:
        v = pred()
        if v:
            return v
        time.sleep(step)
    return None


def first_proc(marker, what, proc=None, timeout=60, step=0.01):
    def find():
        if proc is not None and proc.poll() is not None:
            return "ended"
        p = procs(marker, what)
        return p[0] if p else None

    v = wait_for(find, timeout, step)
    return None if v in (None, "ended") else v


def orphans(marker, grace=8.0):
    """The processes of a check still alive grace seconds after its command ended."""
    left = wait_for(lambda: not procs(marker) and "none", grace, 0.2)
    if left:
        return []
    return [f"pid {p} ({describe_cmd(c)}, state {state(p)})" for p, c in procs(marker)]


def describe_cmd(c):
    for k in (PEER_CLASS, FORK_CLASS, CLI_CLASS, "ipcref"):
        if k in c:
            return k.rsplit(".", 1)[-1]
    return c[:80]


def kill_marker(marker):
    for p, _ in procs(marker):
        try:
            os.kill(p, signal.SIGKILL)
        except OSError:
            pass


def global_entries():
    """ipcbench-*/aeron* names in the shared temp directories."""
    s = set()
    for d in ("/tmp", "/dev/shm", "/var/tmp"):
        try:
            for n in os.listdir(d):
                if n.startswith("ipcbench") or n.startswith("aeron"):
                    s.add(os.path.join(d, n))
        except OSError:
            pass
    return s


def tree(path):
    """Every path under path (relative), with type, for before/after comparisons."""
    out = set()
    if not os.path.lexists(path):
        return out
    for base, dirs, files in os.walk(path):
        for n in dirs + files:
            out.add(os.path.relpath(os.path.join(base, n), path))
    return out


def leftovers(tmp, before_global, ignore=("jmh.lock",)):
    left = []
    if tmp and os.path.isdir(tmp):
        for n in os.listdir(tmp):
            if n not in ignore:
                left.append(os.path.join(tmp, n))
    left += sorted(global_entries() - before_global)
    return left


def du(path):
    total = 0
    for base, dirs, files in os.walk(path):
        for n in files:
            try:
                total += os.lstat(os.path.join(base, n)).st_blocks * 512
            except OSError:
                pass
    try:
        if not os.path.isdir(path):
            total += os.lstat(path).st_blocks * 512
    except OSError:
        pass
    return total


def describe_left(left):
    parts = []
    for p in left[:6]:
        inside = ""
        if os.path.isdir(p):
            names = sorted(tree(p))[:4]
            inside = f" [{', '.join(names)}]" if names else " [empty]"
        parts.append(f"{p} ({du(p) / 1e6:.1f} MB){inside}")
    return ", ".join(parts) + (f" and {len(left) - 6} more" if len(left) > 6 else "")


def clean(paths):
    """Removes what a check left (it was recorded first): the machine is shared."""
    for p in paths:
        force_rmtree(p)


def sha(path):
    h = hashlib.sha256()
    for rel in sorted(tree(path)) if os.path.isdir(path) else [""]:
        p = os.path.join(path, rel) if rel else path
        h.update(rel.encode())
        if os.path.islink(p):
            h.update(b"L" + os.readlink(p).encode())
        elif os.path.isfile(p):
            with open(p, "rb") as f:
                h.update(f.read())
    return h.hexdigest()


def read(path):
    try:
        with open(path, errors="replace") as f:
            return f.read()
    except OSError:
        return ""


def mount_tmpfs(path, size, ro=False):
    os.makedirs(path, exist_ok=True)
    opts = f"size={size}" + (",ro" if ro else "")
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", opts, "tmpfs", path], capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError(f"mount tmpfs on {path}: {r.stderr.strip()}")
    MOUNTS.append(path)


def bind_ro(path):
    r = subprocess.run(["mount", "--bind", path, path], capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError(f"bind mount {path}: {r.stderr.strip()}")
    MOUNTS.append(path)
    r = subprocess.run(["mount", "-o", "remount,bind,ro", path], capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError(f"remount ro {path}: {r.stderr.strip()}")


def umount(path):
    for _ in range(5):
        r = subprocess.run(["umount", path], capture_output=True, text=True)
        if r.returncode == 0:
            break
        time.sleep(0.3)
    if path in MOUNTS:
        MOUNTS.remove(path)


def fill(path):
    """Fills the file system holding path."""
    i = 0
    try:
        with open(os.path.join(path, ".filler"), "wb") as f:
            while True:
                f.write(b"\0" * 4096)
                f.flush()
                i += 1
    except OSError:
        pass
    # and the last blocks and inodes
    for k in range(200):
        try:
            with open(os.path.join(path, f".f{k}"), "wb") as f:
                f.write(b"x" * 512)
        except OSError:
            break


# ----------------------------------------------------------------------------------------------
# running ipcbench


class Result:
    def __init__(self, rc, out, err, elapsed, timed_out=False):
        self.rc, self.out, self.err, self.elapsed, self.timed_out = rc, out, err, elapsed, timed_out

    @property
    def both(self):
        return self.out + "\n" + self.err


def cli(args, tmp, timeout=120, cwd=None, env=None, main=CLI_CLASS, cp=None, user=None):
    cmd = java_cmd(tmp, main, cp) + list(args)
    if user is not None:
        cmd = ["setpriv", f"--reuid={user}", f"--regid={user}", "--clear-groups"] + cmd
    t0 = time.time()
    # The peer exits at the end of its standard input: give it one that stays open.
    stdin_r, stdin_w = os.pipe() if main == PEER_CLASS else (subprocess.DEVNULL, None)
    p = subprocess.Popen(
        cmd,
        stdin=stdin_r,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=cwd or WORK,
        env=env,
        start_new_session=True,
    )
    if stdin_w is not None:
        os.close(stdin_r)
    try:
        out, err = p.communicate(timeout=timeout)
        if stdin_w is not None:
            os.close(stdin_w)
        return Result(p.returncode, out.decode(errors="replace"), err.decode(errors="replace"), time.time() - t0)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(p.pid, signal.SIGKILL)
        except OSError:
            pass
        kill_marker(tmp)
        out, err = p.communicate()
        if stdin_w is not None:
            os.close(stdin_w)
        return Result(None, out.decode(errors="replace"), err.decode(errors="replace"), time.time() - t0, True)


class Background:
    """A command started in its own session (process group), output to files."""

    def __init__(self, args, tmp, name, cwd=None, env=None):
        self.dir = os.path.join(WORK, "logs")
        os.makedirs(self.dir, exist_ok=True)
        safe = re.sub(r"[^A-Za-z0-9_.-]", "_", name)
        self.out_path = os.path.join(self.dir, safe + ".out")
        self.err_path = os.path.join(self.dir, safe + ".err")
        self.tmp = tmp
        self.t0 = time.time()
        self.p = subprocess.Popen(
            java_cmd(tmp) + list(args),
            stdin=subprocess.DEVNULL,
            stdout=open(self.out_path, "wb"),
            stderr=open(self.err_path, "wb"),
            cwd=cwd or WORK,
            env=env,
            start_new_session=True,
        )
        STARTED.append(self.p)
        self.end_time = None

    def wait(self, timeout):
        try:
            self.p.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            return None
        self.end_time = time.time()
        return self.p.returncode

    def stop(self):
        try:
            os.killpg(self.p.pid, signal.SIGKILL)
        except OSError:
            pass
        kill_marker(self.tmp)
        try:
            self.p.wait(10)
        except subprocess.TimeoutExpired:
            pass

    @property
    def out(self):
        return read(self.out_path)

    @property
    def err(self):
        return read(self.err_path)

    @property
    def both(self):
        return self.out + "\n" + self.err


def message_lines(err):
    """The non-empty lines of an error output before picocli's usage text."""
    lines = []
    for line in err.splitlines():
        if line.startswith("Usage:"):
            break
        if line.strip():
            lines.append(line.strip())
    return lines


def snippet(text, n=2):
    lines = [l.strip() for l in text.splitlines() if l.strip()]
    return " | ".join(lines[:n]) if lines else "(nothing)"


# ----------------------------------------------------------------------------------------------
# (a) bad inputs


def bad(name, args, names, expect=(2,), setup=None, cwd=None, env=None, main=CLI_CLASS, timeout=60, where=None):
    """Runs one bad input and judges whether it gave a clear error.

    names: substrings (case-insensitive) of which at least one must be in the message.
    where: a directory whose content must not change (besides WORK/bad); defaults to WORK/bad.
    """
    if not selected(name):
        return
    tmp = new_tmp("in-" + name)
    box = os.path.join(WORK, "bad")
    if os.path.lexists(box):
        force_rmtree(box)
    os.makedirs(box)
    if setup:
        setup()
    watch = [box] + ([where] if where else [])
    before = {w: tree(w) for w in watch}
    g_before = global_entries()
    r = cli(args, tmp, timeout=timeout, cwd=cwd or box, env=env, main=main)
    problems = []
    if r.timed_out:
        problems.append(f"no answer within {timeout}s (hang)")
    elif r.rc not in expect:
        problems.append(f"exit code {r.rc}, expected {'/'.join(map(str, expect))}")
    if STACK_RE.search(r.both):
        problems.append("Java stack trace printed")
    msg = message_lines(r.err)
    if not msg and r.rc not in (0, None):
        msg = message_lines(r.out)
    if not msg:
        problems.append("no message")
    elif len(msg) > 2:
        problems.append(f"{len(msg)}-line message")
    text = " ".join(msg[:3]).lower()
    if msg and not any(n.lower() in text for n in names):
        problems.append("message does not name the problem (" + " or ".join(repr(n) for n in names) + ")")
    for w in watch:
        new = sorted(tree(w) - before[w])
        if new:
            problems.append(f"left behind in {w}: {', '.join(new[:5])}")
    left = leftovers(tmp, g_before)
    if left:
        problems.append("left in temp: " + describe_left(left))
    clean(left)
    orph = orphans(tmp, grace=3)
    if orph:
        problems.append("processes left: " + "; ".join(orph))
    kill_marker(tmp)
    shown = " | ".join(msg[:2]) if msg else snippet(r.both)
    if r.rc not in expect:
        failing = [l.strip() for l in r.both.splitlines() if re.search(r"fail|error|refus|cannot|exception", l, re.I)]
        if failing:
            shown += " || " + " | ".join(failing[:2])
    if problems:
        report("input", name, False, "; ".join(problems) + f" -- rc={r.rc}: {shown}")
    else:
        report("input", name, True, f"rc={r.rc}: {shown}")


def make_variants(good_json):
    """Malformed result files derived from a good jmh.json: name -> bytes."""
    with open(good_json, "rb") as f:
        raw = f.read()
    data = json.loads(raw)
    v = {}
    v["empty"] = b""
    v["truncated"] = raw[: len(raw) // 2]
    v["object-top-level"] = b'{"benchmark": "x"}'
    v["array-of-numbers"] = b"[1, 2, 3]"
    d = json.loads(raw)
    d[0]["primaryMetric"]["score"] = "fast"
    v["score-is-text"] = json.dumps(d).encode()
    d = json.loads(raw)
    d[0]["primaryMetric"]["score"] = "NaN"
    v["nan-score"] = json.dumps(d).encode()
    d = json.loads(raw)
    d[0]["primaryMetric"]["score"] = -5.0
    v["negative-score"] = json.dumps(d).encode()
    d = json.loads(raw)
    text = json.dumps(d)
    v["huge-score"] = re.sub(r'("score": )[-0-9.eE+]+', r"\g<1>1e999", text, count=1).encode()
    v["huge-integer"] = re.sub(r'("forks": )\d+', r"\g<1>" + "9" * 400, text, count=1).encode()
    v["deeply-nested"] = b"[" * 100000 + b"]" * 100000
    d = json.loads(raw)
    d[0]["params"]["deep"] = "DEEPMARK"
    v["deep-inside-result"] = json.dumps(d).replace('"DEEPMARK"', "[" * 2000 + '"x"' + "]" * 2000).encode()
    rnd = random.Random(7)
    v["binary-garbage"] = bytes(rnd.randrange(256) for _ in range(4096))
    v["foreign-readme"] = b"# My notes\n\nThis is not JSON. See jmh.json for results.\n"
    v["duplicate-keys"] = text.replace('"benchmark": ', '"benchmark": "a", "benchmark": ', 1).encode()
    v["text-after-array"] = raw + b"\n{ }"
    d = json.loads(raw)
    d[0]["params"]["size"] = "huge"
    v["size-not-a-number"] = json.dumps(d).encode()
    d = json.loads(raw)
    del d[0]["benchmark"]
    v["no-benchmark-name"] = json.dumps(d).encode()
    v["empty-array"] = b"[]"
    return v


def inputs(good, good_dir):
    box = os.path.join(WORK, "bad")
    if os.path.lexists(box):
        force_rmtree(box)
    os.makedirs(box)
    files = os.path.join(WORK, "badfiles")
    if os.path.lexists(files):
        force_rmtree(files)
    os.makedirs(files)
    variants = make_variants(os.path.join(good_dir, "jmh.json"))
    vpath = {}
    for k, b in variants.items():
        d = os.path.join(files, k)
        os.makedirs(d)
        with open(os.path.join(d, "jmh.json"), "wb") as f:
            f.write(b)
        vpath[k] = d

    dry = ["run", "--dry-run", "--no-baseline"]
    out_ok = ["--out", os.path.join(WORK, "bad", "never")]

    # --- the command itself
    bad("no-command", [], ["say what to do", "run", "command"])
    bad("unknown-command", ["frobnicate"], ["frobnicate"])
    bad("unknown-global-option", ["--bogus"], ["--bogus"])
    bad("run-unknown-option", ["run", "--sizez", "64"], ["--sizez"])
    bad("run-option-without-value", ["run", "--sizes"], ["--sizes", "parameter"])

    # --- run: sizes
    for label, size in [
        ("0", "0"),
        ("-1", "-1"),
        ("1X", "1X"),
        ("1.5K", "1.5K"),
        ("empty", ""),
        ("overflow", "99999999999G"),
        ("2G-tcp", "2G"),
    ]:
        bad(f"run-sizes-{label}", ["run", "--transports", "tcp", "--sizes", size] + out_ok + TINY,
            [repr(size).strip("'"), "size"] if size else ["size"])
    bad("run-sizes-64K-udp", ["run", "--transports", "udp", "--sizes", "64K"] + out_ok + TINY, ["65", "64 KiB", "udp"])
    bad("run-sizes-200K-uds-dgram", ["run", "--transports", "uds-dgram", "--sizes", "200K"] + out_ok + TINY,
        ["200", "uds-dgram"])
    bad("run-sizes-3M-aeron", ["run", "--transports", "aeron-ipc", "--sizes", "3M"] + out_ok + TINY, ["3 MiB", "aeron"])

    # --- run: transports, waits, placement, benchmarks, lengths
    bad("run-transport-unknown", dry + ["--transports", "nosuch"], ["nosuch"])
    bad("run-transport-option-syntax", dry + ["--transports", "tcp:foo=1"], ["tcp:foo=1"])
    bad("run-transport-empty-name", dry + ["--transports", "tcp,,uds"], ["empty"])
    bad("run-waits-unknown", dry + ["--transports", "shm", "--waits", "hurry"], ["hurry"])
    bad("run-waits-without-ring", dry + ["--transports", "tcp", "--waits", "spin"], ["--waits", "wait"])
    bad("run-placement-unknown", dry + ["--transports", "tcp", "--placement", "nowhere"], ["nowhere", "placement"])
    bad("run-benchmarks-unknown", dry + ["--transports", "tcp", "--benchmarks", "latency"], ["latency"])
    bad("run-quick-and-full", dry + ["--transports", "tcp", "--quick", "--full"], ["--quick", "--full", "exclusive"])

    # --- run: JVM arguments
    bad("run-jvm-args-unknown-flag", ["run", "--transports", "tcp", "--sizes", "64", "--jvm-args", "-XX:+NoSuchFlag"]
        + out_ok + TINY, ["NoSuchFlag", "jvm-args"])
    bad("run-jvm-args-bad-heap", ["run", "--transports", "tcp", "--sizes", "64", "--jvm-args", "-Xmx1q"]
        + out_ok + TINY, ["-Xmx1q", "heap", "jvm-args"])
    bad("run-jvm-args-missing-jar", ["run", "--transports", "tcp", "--sizes", "64", "--jvm-args", "-javaagent:/nonexistent/agent.jar"]
        + out_ok + TINY, ["agent", "jvm-args"])

    # --- run: JMH options after --
    base = ["run", "--transports", "tcp", "--sizes", "64", "--no-baseline", "--benchmarks", "roundtrip"] + out_ok
    bad("run-jmh-forks-not-a-number", base + ["--", "-f", "x"], ["-f", "x", "jmh"])
    bad("run-jmh-own-param", base + ["--", "-p", "size=1"], ["-p"])
    bad("run-jmh-own-result-format", base + ["--", "-rf", "csv"], ["-rf"])
    bad("run-jmh-benchmark-regexp", base + ["--", "RoundTrip"], ["RoundTrip"])
    bad("run-jmh-negative-iterations", base + ["--", "-i", "-1"], ["-i", "-1", "iteration"])
    bad("run-jmh-bad-time", base + ["--", "-r", "banana"], ["banana", "-r"])
    bad("run-jmh-bad-time-unit", base + ["--", "-tu", "parsecs"], ["parsecs", "-tu"])
    bad("run-jmh-jvmArgsAppend-bad-flag", base + ["--", "-f", "1", "-wi", "0", "-i", "1", "-r", "200ms", "-jvmArgsAppend",
        "-XX:+NoSuchFlag"], ["NoSuchFlag"], timeout=120)
    bad("run-jmh-unknown-profiler", base + ["--", "-f", "1", "-wi", "0", "-i", "1", "-r", "200ms", "-prof", "nosuchprof"],
        ["nosuchprof"], timeout=120)

    # --- run: --out
    afile = os.path.join(box, "a-file")

    def mk_file():
        with open(afile, "w") as f:
            f.write("x")

    bad("run-out-is-a-file", ["run", "--transports", "tcp", "--sizes", "64", "--out", afile] + TINY,
        ["not a directory", "a-file"], setup=mk_file)
    bad("run-out-under-a-file", ["run", "--transports", "tcp", "--sizes", "64", "--out", afile + "/sub"] + TINY,
        ["a-file", "directory"], setup=mk_file)
    dangling = os.path.join(box, "dangling")

    def mk_dangling():
        if not os.path.lexists(dangling):
            os.symlink("/nonexistent/target/dir", dangling)

    bad("run-out-dangling-symlink", ["run", "--transports", "tcp", "--sizes", "64", "--out", dangling] + TINY,
        ["dangling", "output directory"], setup=mk_dangling)
    bad("run-out-in-proc", ["run", "--transports", "tcp", "--sizes", "64", "--out", "/proc/ipcbench-results"] + TINY,
        ["/proc/ipcbench-results"])
    rodir = os.path.join(WORK, "ro-out")
    os.makedirs(rodir, exist_ok=True)
    try:
        bind_ro(rodir)
        bad("run-out-read-only", ["run", "--transports", "tcp", "--sizes", "64", "--out", os.path.join(rodir, "r")] + TINY,
            ["read-only", "cannot create", "cannot write"], where=rodir)
    except RuntimeError as e:
        report("input", "run-out-read-only", False, f"could not set up: {e}")
    finally:
        umount(rodir)
    # as another user, into root's 0755 folder
    nob = os.path.join(WORK, "root-only")
    os.makedirs(nob, exist_ok=True)
    os.chmod(nob, 0o755)
    if selected("run-out-not-writable-other-user"):
        tmp = new_tmp("in-run-out-not-writable-other-user")
        os.chmod(tmp, 0o1777)
        g = global_entries()
        r = cli(["run", "--transports", "tcp", "--sizes", "64", "--out", os.path.join(nob, "r")] + TINY, tmp,
                cwd="/", user=NOBODY)
        msg = message_lines(r.err)
        ok = r.rc == 2 and not STACK_RE.search(r.both) and 1 <= len(msg) <= 2 and "root-only" in " ".join(msg) \
            and not tree(nob) and not leftovers(tmp, g)
        report("input", "run-out-not-writable-other-user", ok, f"as uid {NOBODY}: rc={r.rc}: {' | '.join(msg[:2])}")

    # --- run/list: plug-in class path
    jars = plugin_jars()
    bad("run-classpath-missing-jar", dry + ["--transports", "tcp", "--classpath", "/nonexistent/plugin.jar"],
        ["/nonexistent/plugin.jar"])
    bad("list-classpath-missing-jar", ["list", "--classpath", "/nonexistent/plugin.jar"], ["/nonexistent/plugin.jar"])
    bad("list-classpath-not-a-jar", ["list", "--classpath", jars["text"]], ["not-a-jar", "jar"])
    bad("list-classpath-truncated-jar", ["list", "--classpath", jars["truncated"]], ["truncated", "jar"])
    bad("list-classpath-missing-class", ["list", "--classpath", jars["missing-class"]], ["org.nope.Missing"])
    bad("list-classpath-not-a-provider", ["list", "--classpath", jars["not-provider"]], ["java.lang.String", "provider"])
    if "dup" in jars:
        bad("list-classpath-duplicate-alias", ["list", "--classpath", jars["dup"]], ["tcp", "alias"])
        bad("run-classpath-throwing-constructor", dry + ["--transports", "tcp", "--classpath", jars["boom"]],
            ["probe.Boom", "boom"])
    else:
        report("input", "list-classpath-duplicate-alias", False, "could not build the plug-in jar: " + jars.get("why", ""))
    bad("list-unknown-option", ["list", "--verbose-ish"], ["--verbose-ish"])

    # --- report
    bad("report-missing-argument", ["report"], ["DIR", "parameter"])
    bad("report-nonexistent", ["report", os.path.join(box, "nope")], ["nope", "no such"])
    empty_dir = os.path.join(files, "empty-dir")
    os.makedirs(empty_dir, exist_ok=True)
    bad("report-folder-without-jmh-json", ["report", empty_dir], ["jmh.json", "missing"])
    for k in ["empty", "truncated", "object-top-level", "array-of-numbers", "score-is-text", "deeply-nested",
              "deep-inside-result", "binary-garbage", "foreign-readme", "duplicate-keys", "text-after-array",
              "size-not-a-number", "no-benchmark-name", "huge-integer"]:
        bad(f"report-{k}", ["report", "--no-charts", vpath[k]], ["jmh.json"], where=vpath[k])
    bad("report-readme-as-input", ["report", "--out", os.path.join(box, "r.md"), os.path.join(vpath["foreign-readme"], "jmh.json")],
        ["jmh.json", "json"])
    # a FIFO where jmh.json should be: must not block forever
    fifo_dir = os.path.join(files, "fifo")
    os.makedirs(fifo_dir, exist_ok=True)
    if not os.path.exists(os.path.join(fifo_dir, "jmh.json")):
        os.mkfifo(os.path.join(fifo_dir, "jmh.json"))
    bad("report-jmh-json-is-a-fifo", ["report", "--no-charts", fifo_dir], ["jmh.json"], timeout=20, where=fifo_dir)
    dir_dir = os.path.join(files, "jmh-json-dir")
    os.makedirs(os.path.join(dir_dir, "jmh.json"), exist_ok=True)
    bad("report-jmh-json-is-a-folder", ["report", "--no-charts", dir_dir], ["jmh.json", "folder"], where=dir_dir)
    # environment.json broken beside a good jmh.json
    for k, content in [
        ("garbage", b"\x00\x01garbage"),
        ("array", b"[1,2]"),
        ("wrong-type", b'{"cpu": "fast", "memory": [1]}'),
        ("deeply-nested", b'{"a":' * 5000 + b"1" + b"}" * 5000),
    ]:
        d = os.path.join(files, "env-" + k)
        os.makedirs(d, exist_ok=True)
        shutil.copy(os.path.join(good_dir, "jmh.json"), d)
        with open(os.path.join(d, "environment.json"), "wb") as f:
            f.write(content)
        bad(f"report-environment-json-{k}", ["report", "--no-charts", d], ["environment.json"], where=d)
    d = os.path.join(files, "hlog-garbage")
    os.makedirs(d, exist_ok=True)
    shutil.copy(os.path.join(good_dir, "jmh.json"), d)
    with open(os.path.join(d, "jmh-histograms.hlog"), "wb") as f:
        f.write(b"#[Histogram log format version 1.3]\nTag=x,0.1,0.2,1.0,HISTFAAAAGARBAGE!!!\n" + bytes(range(256)))
    bad("report-hlog-garbage", ["report", "--no-charts", d], ["jmh-histograms.hlog", "histogram"], where=d)
    bad("report-out-unwritable", ["report", "--no-charts", "--out", "/proc/ipcbench-nope/README.md", good_dir],
        ["no such", "cannot", "does not exist", "not a directory", "denied", "not found"], expect=(1,), where=good_dir)
    bad("report-out-is-a-folder", ["report", "--no-charts", "--out", box, good_dir], ["bad", "exists"], where=good_dir)

    # --- compare
    bad("compare-one-argument", ["compare", good_dir], ["B", "parameter"])
    bad("compare-nonexistent", ["compare", good_dir, os.path.join(box, "nope")], ["nope"])
    bad("compare-empty-file", ["compare", good_dir, os.path.join(vpath["empty"], "jmh.json")], ["empty", "jmh.json"])
    bad("compare-truncated", ["compare", os.path.join(vpath["truncated"], "jmh.json"), good_dir], ["jmh.json", "json"])
    for label, val in [("0", "0"), ("1.5", "1.5"), ("NaN", "NaN"), ("text", "abc")]:
        bad(f"compare-alpha-{label}", ["compare", good_dir, good_dir, "--alpha", val], ["alpha"])
    for label, val in [("negative", "-5"), ("text", "abc"), ("NaN", "NaN")]:
        bad(f"compare-fail-on-regression-{label}", ["compare", good_dir, good_dir, "--fail-on-regression", val],
            ["fail-on-regression"])
    bad("compare-test-unknown", ["compare", good_dir, good_dir, "--test", "chi2"], ["chi2", "--test"])
    bad("compare-format-unknown", ["compare", good_dir, good_dir, "--format", "html"], ["html", "--format"])
    bad("compare-ignore-param-blank", ["compare", good_dir, good_dir, "--ignore-param", " "], ["ignore-param"])
    bad("compare-out-unwritable", ["compare", good_dir, good_dir, "--out", "/proc/ipcbench-nope/c.md"],
        ["no such", "cannot", "does not exist", "not a directory", "denied", "not found"], expect=(1,))
    bad("compare-out-is-a-folder", ["compare", good_dir, good_dir, "--out", box], ["bad", "directory", "folder"],
        expect=(1, 2))

    # --- verify-json
    bad("verify-json-missing-argument", ["verify-json"], ["FILE", "parameter"])
    bad("verify-json-nonexistent", ["verify-json", os.path.join(box, "nope.json")], ["nope.json"])
    bad("verify-json-folder", ["verify-json", good_dir], ["folder", "file"], expect=(1, 2))
    for k in ["empty", "nan-score", "negative-score", "huge-score", "empty-array", "binary-garbage", "deeply-nested"]:
        bad(f"verify-json-{k}", ["verify-json", os.path.join(vpath[k], "jmh.json")], ["jmh.json"], expect=(1,))
    bad("verify-json-dev-zero", ["verify-json", "/dev/zero"], ["/dev/zero"], expect=(1, 2), timeout=20)
    bad("verify-json-min-results-text", ["verify-json", "--min-results", "many", good], ["many", "--min-results"])
    bad("verify-json-min-results-negative", ["verify-json", "--min-results", "-3", good], ["--min-results", "-3"])

    # --- compact
    bad("compact-missing-argument", ["compact"], ["DIR", "parameter"])
    bad("compact-nonexistent", ["compact", os.path.join(box, "nope")], ["nope", "results folder"])
    bad("compact-a-file", ["compact", good], ["jmh.json", "results folder"])
    bad("compact-folder-without-jmh-json", ["compact", empty_dir], ["missing", "no such", "not found", "does not exist"],
        where=empty_dir)
    bad("compact-garbage-jmh-json", ["compact", vpath["binary-garbage"]], ["jmh.json"], where=vpath["binary-garbage"])

    # --- the peer's own command line (documented: --option NAME=VALUE for the peer)
    secret_env = dict(os.environ, **{SECRET_VAR: "00" * 16})
    bad("peer-no-arguments", [], ["--transport", "required"], main=PEER_CLASS, env=secret_env)
    bad("peer-no-secret", ["--transport", "tcp", "--address", "127.0.0.1:9"], [SECRET_VAR], main=PEER_CLASS)
    bad("peer-unknown-transport", ["--transport", "nosuch", "--address", "x"], ["nosuch"], main=PEER_CLASS,
        env=secret_env)
    bad("peer-unknown-option", ["--transport", "tcp", "--address", "127.0.0.1:9", "--option", "foo=1"], ["foo"],
        main=PEER_CLASS, env=secret_env, expect=(1, 2))
    bad("peer-io-timeout-not-a-number", ["--transport", "tcp", "--address", "127.0.0.1:9", "--io-timeout-ms", "soon"],
        ["--io-timeout-ms"], main=PEER_CLASS, env=secret_env)
    bad("peer-buffer-too-large", ["--transport", "tcp", "--address", "127.0.0.1:9", "--buffer", "8G"], ["--buffer", "8G"],
        main=PEER_CLASS, env=secret_env)
    bad("peer-bad-address", ["--transport", "tcp", "--address", "no-port-here"], ["no-port-here", "address"],
        main=PEER_CLASS, env=secret_env, expect=(1, 2))


def plugin_jars():
    """Broken plug-in jars: name -> path."""
    d = os.path.join(WORK, "jars")
    if os.path.lexists(d):
        force_rmtree(d)
    os.makedirs(d)
    svc = "META-INF/services/dev.ipcbench.transport.TransportProvider"
    jars = {}
    p = os.path.join(d, "not-a-jar.jar")
    with open(p, "w") as f:
        f.write("this is text, not a zip\n")
    jars["text"] = p
    with open(ARGS.jar, "rb") as f:
        head = f.read(200000)
    p = os.path.join(d, "truncated.jar")
    with open(p, "wb") as f:
        f.write(head)
    jars["truncated"] = p
    p = os.path.join(d, "missing-class.jar")
    with zipfile.ZipFile(p, "w") as z:
        z.writestr(svc, "org.nope.Missing\n")
    jars["missing-class"] = p
    p = os.path.join(d, "not-provider.jar")
    with zipfile.ZipFile(p, "w") as z:
        z.writestr(svc, "java.lang.String\n")
    jars["not-provider"] = p
    src = os.path.join(d, "src", "probe")
    os.makedirs(src)
    common = (
        "package probe;\n"
        "import dev.ipcbench.transport.*;\n"
        "import dev.ipcbench.transport.support.*;\n"
        "public class {name} extends AbstractTransportProvider {{\n"
        "  public {name}() {{ super(\"{alias}\", \"probe\", Capabilities.reliable(1024)); {body} }}\n"
        "  protected Binding createBinding(TransportOptions o) {{ throw new UnsupportedOperationException(); }}\n"
        "  protected Transport connectTo(String a, TransportOptions o) {{ throw new UnsupportedOperationException(); }}\n"
        "}}\n"
    )
    for name, alias, body in [("DupTcp", "tcp", ""), ("Boom", "boom", 'if (true) throw new IllegalStateException("boom");')]:
        with open(os.path.join(src, name + ".java"), "w") as f:
            f.write(common.format(name=name, alias=alias, body=body))
    classes = os.path.join(d, "classes")
    r = subprocess.run(["javac", "-nowarn", "-d", classes, "-cp", ARGS.jar, os.path.join(src, "DupTcp.java"),
                        os.path.join(src, "Boom.java")], capture_output=True, text=True)
    if r.returncode != 0:
        jars["why"] = r.stderr.strip()[:200]
        return jars
    for name, cls in [("dup", "DupTcp"), ("boom", "Boom")]:
        p = os.path.join(d, name + ".jar")
        with zipfile.ZipFile(p, "w") as z:
            z.write(os.path.join(classes, "probe", cls + ".class"), f"probe/{cls}.class")
            z.writestr(svc, f"probe.{cls}\n")
        jars[name] = p
    return jars


# ----------------------------------------------------------------------------------------------
# main


def good_run(name, transport="tcp", extra=()):
    """A tiny real run whose folder the other checks read, compare and protect."""
    tmp = new_tmp(name)
    out = os.path.join(WORK, name)
    if os.path.lexists(out):
        force_rmtree(out)
    r = cli(["run", "--transports", transport, "--sizes", "64", "--no-baseline", "--benchmarks", "roundtrip",
             "--out", out] + list(extra) + TINY, tmp, timeout=180)
    if r.rc != 0 or not os.path.isfile(os.path.join(out, "jmh.json")):
        raise SystemExit(f"the reference run failed (rc={r.rc}): {r.both[-2000:]}")
    return out


def main():
    global ARGS, WORK, JAVA, JAVA_FLAGS
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--jar", default=os.path.join(ROOT, "benchmarks", "target", "benchmarks.jar"))
    ap.add_argument("--work", default=None, help="scratch folder (default: a new one under /tmp)")
    ap.add_argument("--java", default=os.path.join(os.environ["JAVA_HOME"], "bin", "java")
                    if os.environ.get("JAVA_HOME") else "java")
    ap.add_argument("--sections", default="input,fault,security")
    ap.add_argument("--only", default=None, help="regular expression: run only the checks whose name matches")
    ARGS = ap.parse_args()
    ARGS.jar = os.path.abspath(ARGS.jar)
    if not os.path.isfile(ARGS.jar):
        raise SystemExit(f"no jar at {ARGS.jar} (build it, or pass --jar)")
    JAVA = ARGS.java
    JAVA_FLAGS = ["--enable-native-access=ALL-UNNAMED", "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED"]
    if feature_release(JAVA) >= 23:
        JAVA_FLAGS.append("--sun-misc-unsafe-memory-access=allow")
    if ARGS.work:
        WORK = os.path.abspath(ARGS.work)
        os.makedirs(WORK, exist_ok=True)
    else:
        import tempfile
        WORK = tempfile.mkdtemp(prefix="reliability-probe-")
    os.chmod(WORK, 0o755)
    os.makedirs(os.path.join(WORK, "tmp"), exist_ok=True)
    print(f"# ipcbench reliability probe: jar {ARGS.jar}, work {WORK}, java {JAVA} {' '.join(JAVA_FLAGS)}", flush=True)
    started = time.time()
    sections = ARGS.sections.split(",")
    try:
        good_dir = good_run("good")
        good = os.path.join(good_dir, "jmh.json")
        if "input" in sections:
            inputs(good, good_dir)
        if "fault" in sections:
            faults(good_dir)
        if "security" in sections:
            security(good_dir)
    finally:
        for p in STARTED:
            if p.poll() is None:
                try:
                    os.killpg(p.pid, signal.SIGKILL)
                except OSError:
                    pass
        for m in list(MOUNTS):
            umount(m)
    print(flush=True)
    print(f"# wall time {time.time() - started:.0f} s", flush=True)
    names = {"input": "bad inputs", "fault": "injected faults", "security": "security checks"}
    verbs = {"input": "gave a clear error", "fault": "survived", "security": "passed"}
    for c in ("input", "fault", "security"):
        rs = RESULTS[c]
        print(f"TOTAL  {c:8}  {names[c]}: {len(rs)} tried, {sum(1 for r in rs if r[1])} {verbs[c]}, "
              f"{sum(1 for r in rs if not r[1])} failed", flush=True)
    return 0


# ----------------------------------------------------------------------------------------------
# (b) injected faults

PEER_DIED = [r"peer[^\n]{0,120}(closed|exit|died|dead|gone|kill|end of (the )?stream|not alive|no longer)",
             r"(closed|exited|died|killed|end of stream)[^\n]{0,80}peer"]
TIMED_OUT = [r"(time(d)? ?out|no progress|made no progress|within \d+ ?(ms|s))"]
FORK_DIED = [r"(fork|forked|VM|JVM)[^\n]{0,120}(exit|died|dead|terminat|crash|kill|gone|lost|code)",
             r"(exit|terminat)[^\n]{0,60}(fork|VM)"]
INTERRUPTED = [r"interrupt"]


def failure_lines(text, n=3):
    keep = [l.strip() for l in text.splitlines()
            if re.search(r"fail|error|interrupt|cannot|refus|corrupt|timeout|timed out|no peer|not this run|exit", l, re.I)]
    return " | ".join(keep[:n]) if keep else snippet(text, 2)


def run_args(transport, kind="roundtrip", sizes="64", jmh=LONG, extra=()):
    a = ["run", "--transports", transport, "--sizes", sizes, "--no-baseline", "--benchmarks", kind]
    if transport.split(",")[0] in ("mmap", "shm", "aeron-ipc"):
        a += ["--waits", "backoff"]
    return a + list(extra) + list(jmh)


def wait_peer(bg, delay=2.0, what=PEER_CLASS, timeout=90):
    """Waits for the check's peer (or what), then delay seconds; returns its pid or None."""
    found = first_proc(bg.tmp, what, bg.p, timeout=timeout)
    if not found:
        return None
    if delay:
        time.sleep(delay)
    if bg.p.poll() is not None or state(found[0]) in (None, "Z"):
        return None
    return found[0]


def fork_pid(bg):
    f = procs(bg.tmp, FORK_CLASS)
    return f[0][0] if f else None


def fault(name, args, act, causes=None, expect_rc=(1,), deadline=30, earlier=None, post=None, out=None,
          results_expected=False, message_needed=True, tmp_setup=None, orphan_grace=8.0):
    """Starts a run, acts on it with act(bg) (which returns a description, or None when it could not act),
    and judges whether the run survived the fault."""
    if not selected(name):
        return
    tmp = new_tmp("f-" + name)
    if out is None:
        out = os.path.join(WORK, "faults", name)
        if os.path.lexists(out):
            force_rmtree(out)
    if tmp_setup:
        tmp_setup(tmp)
    args = [a if a != "OUT" else out for a in args]
    if "--out" not in args:
        args = args[:1] + ["--out", out] + args[1:]
    g_before = global_entries()
    earlier_sha = sha(earlier) if earlier else None
    bg = Background(args, tmp, "fault-" + name)
    problems = []
    did = None
    try:
        did = act(bg)
    except Exception as e:  # the probe's own failure is reported, never a pass
        problems.append(f"the probe could not act: {e!r}")
    t_act = time.time()
    if did is None and not problems:
        problems.append("could not inject the fault (the run ended or the process never appeared)")
    rc = bg.wait(deadline + (0 if did else 120))
    waited = time.time() - t_act
    if rc is None:
        problems.append(f"still running {deadline}s after the fault (hang)")
        bg.stop()
    both = bg.both
    if rc is not None and rc not in expect_rc:
        problems.append(f"exit code {rc}, expected {'/'.join(map(str, expect_rc))}")
    said = both.replace(out, "<OUT>").replace(tmp, "<TMP>")
    if message_needed and causes and not any(re.search(c, said, re.I) for c in causes):
        problems.append("no message naming the cause")
    orph = orphans(tmp, orphan_grace)
    if orph:
        problems.append("orphans: " + "; ".join(orph))
        kill_marker(tmp)
    left = leftovers(tmp, g_before)
    if left:
        problems.append("left behind: " + describe_left(left))
    if tmp_setup and os.path.ismount(tmp):
        umount(tmp)
    clean(left)
    if os.path.isdir(out) and not os.path.ismount(out):
        tmps = [n for n in os.listdir(out) if n.endswith(".tmp")]
        if tmps:
            problems.append("partial files in the results folder: " + ", ".join(tmps))
    if results_expected:
        j = os.path.join(out, "jmh.json")
        try:
            with open(j) as f:
                data = json.load(f)
            if not data or not all(r["primaryMetric"]["score"] > 0 for r in data):
                problems.append("jmh.json has no positive result")
        except (OSError, ValueError, KeyError, TypeError) as e:
            problems.append(f"no readable results: {e}")
    swallowed = partial_results(out)
    if swallowed:
        problems.append("posted as complete: " + "; ".join(swallowed))
    if earlier and sha(earlier) != earlier_sha:
        problems.append(f"earlier results in {earlier} changed")
    if post:
        try:
            problems += post(bg, out) or []
        except Exception as e:
            problems.append(f"post-check error {e!r}")
    if STACK_RE.search(both):
        st = "; a Java stack trace was printed"
    else:
        st = ""
    detail = f"{did or 'not injected'}; rc={rc} after {waited:.1f}s{st}: {failure_lines(both)}"
    report("fault", name, not problems, ("; ".join(problems) + " -- " if problems else "") + detail)
    return bg


def partial_results(out):
    """Results in out's jmh.json measured over fewer iterations than the run asked for, when
    environment.json records no failure: a failure the run swallowed."""
    try:
        with open(os.path.join(out, "jmh.json")) as f:
            data = json.load(f)
        with open(os.path.join(out, "environment.json")) as f:
            env = json.load(f)
    except (OSError, ValueError):
        return []
    if env.get("failed"):
        return []
    found = []
    for r in data:
        want = r.get("measurementIterations", 0) * r.get("forks", 1)
        lengths = [len(x) for m in r.get("secondaryMetrics", {}).values() for x in m.get("rawData", [])]
        lengths += [len(x) for x in r.get("primaryMetric", {}).get("rawData", [])]
        got = max(lengths) if lengths else None
        if got is not None and got < want:
            p = r.get("params", {})
            found.append(f"{r.get('benchmark', '?').rsplit('.', 2)[-2]} {p.get('transport')} {p.get('size')} B "
                         f"measured over {got} of {want} iterations (score {r['primaryMetric']['score']:.4g}), "
                         f"environment.json failed=[]")
    return found


def kill_peer_act(sig=signal.SIGKILL, delay=2.0, what=PEER_CLASS):
    def act(bg):
        pid = wait_peer(bg, delay, what)
        if pid is None:
            return None
        os.kill(pid, sig)
        return f"{signal.Signals(sig).name} to {describe_cmd(cmdline(pid)) or what} pid {pid}"

    return act


def stop_cont_act(what, seconds, delay=2.0):
    def act(bg):
        pid = wait_peer(bg, delay, what)
        if pid is None:
            return None
        os.kill(pid, signal.SIGSTOP)
        time.sleep(seconds)
        os.kill(pid, signal.SIGCONT)
        return f"SIGSTOP {describe_cmd(cmdline(pid))} pid {pid} for {seconds}s, then SIGCONT"

    return act


def kill_fork_act(sig=signal.SIGKILL, delay=2.0):
    def act(bg):
        pid = wait_peer(bg, delay)
        f = fork_pid(bg)
        if pid is None or f is None:
            return None
        os.kill(f, sig)
        return f"{signal.Signals(sig).name} to the JMH fork pid {f} (peer pid {pid})"

    return act


def faults(good_dir):
    earlier = os.path.join(WORK, "earlier")
    if os.path.lexists(earlier):
        force_rmtree(earlier)
    shutil.copytree(good_dir, earlier, symlinks=True)
    E = dict(earlier=earlier)

    # kill -9 of the peer while it echoes, every transport
    for t in ["tcp", "udp", "uds", "uds-junix", "uds-dgram", "uds-seqpacket", "fifo", "pipe", "mmap", "shm", "aeron-ipc"]:
        fault(f"kill-9-peer-roundtrip-{t}", run_args(t), kill_peer_act(), PEER_DIED + TIMED_OUT, **E)
    for t in ["tcp", "shm"]:
        fault(f"kill-9-peer-throughput-{t}", run_args(t, "throughput"), kill_peer_act(), PEER_DIED + TIMED_OUT, **E)

    # SIGSTOP of the peer, held: the I/O deadline must end the wait
    for t in ["tcp", "udp", "shm"]:
        fault(f"sigstop-peer-held-{t}", run_args(t), kill_peer_act(signal.SIGSTOP), TIMED_OUT, deadline=40, **E)
    # SIGSTOP for 3 s, then SIGCONT: a pause shorter than the deadline must not fail the run
    med = ["--", "-f", "1", "-wi", "0", "-i", "12", "-r", "500ms"]
    fault("sigstop-sigcont-peer-3s-tcp", run_args("tcp", jmh=med), stop_cont_act(PEER_CLASS, 3), None,
          expect_rc=(0,), results_expected=True, **E)
    fault("sigstop-sigcont-fork-3s-tcp", run_args("tcp", jmh=med), stop_cont_act(FORK_CLASS, 3), None,
          expect_rc=(0,), results_expected=True, **E)

    # kill -9 of the JMH fork (the benchmark process): its peer must go, its files too
    for t in ["tcp", "fifo", "pipe", "shm", "aeron-ipc"]:
        fault(f"kill-9-fork-{t}", run_args(t), kill_fork_act(), FORK_DIED, **E)

    # the peer dies, or hangs, before it says hello
    fault("kill-9-peer-before-hello-tcp", run_args("tcp"), kill_peer_act(delay=0), [r"did not come up", r"exited with code"],
          **E)
    fault("sigstop-peer-before-hello-uds", run_args("uds"), kill_peer_act(signal.SIGSTOP, delay=0),
          [r"no peer connected within", r"did not come up"], deadline=50, **E)

    # Ctrl-C and friends
    fault("ctrl-c-process-group-while-measuring", run_args("tcp"), signal_run_act(signal.SIGINT, group=True),
          INTERRUPTED, expect_rc=(1, 2, 130, -2), post=interrupted_post, **E)
    fault("sigint-run-process-only", run_args("tcp"), signal_run_act(signal.SIGINT, group=False), INTERRUPTED,
          expect_rc=(1, 2, 130, -2), post=interrupted_post, **E)
    fault("sigterm-run-process", run_args("tcp"), signal_run_act(signal.SIGTERM, group=False), INTERRUPTED,
          expect_rc=(1, 2, 143, -15), post=interrupted_post, **E)
    fault("ctrl-c-during-native-reference", run_args("tcp"), signal_run_act(signal.SIGINT, group=True, what="ipcref",
          delay=0.3), INTERRUPTED, expect_rc=(1, 2, 130, -2), post=interrupted_post, **E)
    two = ["--", "-f", "1", "-wi", "0", "-i", "8", "-r", "300ms"]
    fault("ctrl-c-in-second-group-keeps-first", run_args("tcp,uds", jmh=two),
          signal_run_act(signal.SIGINT, group=True, what="--transport uds", delay=0.8), INTERRUPTED,
          expect_rc=(1, 2, 130, -2),
          post=lambda bg, out: interrupted_post(bg, out) + kept_first(out), **E)
    # kill -9 of the run command itself, replacing earlier results (--force): they must stay readable
    forced = os.path.join(WORK, "faults", "kill-9-run-command-forced-out")

    def prepare_forced():
        if os.path.lexists(forced):
            force_rmtree(forced)
        shutil.copytree(good_dir, forced)
        return forced

    if selected("kill-9-run-command"):
        prepare_forced()
    fault("kill-9-run-command", run_args("tcp", extra=["--force"]), signal_run_act(signal.SIGKILL, group=False),
          None, expect_rc=(-9,), out=forced, message_needed=False, post=readable_results, orphan_grace=30, **E)

    # the results folder: deleted, read-only, full
    fault("out-dir-deleted-mid-run", run_args("tcp", jmh=med), act_on_out(lambda out: force_rmtree(out), "rm -rf the results folder"),
          None, expect_rc=(0, 1), post=recreated_or_named, **E)
    fault("out-dir-read-only-mid-run", run_args("tcp", jmh=med), act_on_out(bind_ro, "made the results folder read-only (ro bind mount)"),
          [r"cannot write[^\n]*read-only"], post=lambda bg, out: (umount(out) or []), **E)
    full = os.path.join(WORK, "faults", "out-dir-full")
    if selected("out-dir-full"):
        if os.path.ismount(full):
            umount(full)
        if os.path.lexists(full):
            force_rmtree(full)
        mount_tmpfs(full, "256k")
        fill(full)
        for n in os.listdir(full):
            pass
    fault("out-dir-full", run_args("tcp", jmh=med), lambda bg: "started with its results folder on a full tmpfs" if wait_for(
          lambda: bg.p.poll() is not None or procs(bg.tmp), 30) else None, [r"no space left"], expect_rc=(1, 2), out=full,
          post=lambda bg, out: no_new_files_but_filler(out), **E)
    if os.path.ismount(full):
        umount(full)

    # the temp directory: read-only, or too small for a ring
    fault("temp-dir-read-only", run_args("tcp", jmh=med), readonly_tmp_act, [r"read-only file system"],
          expect_rc=(1, 2), tmp_setup=bind_ro, **E)
    fault("temp-dir-full-mmap-ring", run_args("mmap", jmh=med), small_tmp_act, [r"no space left", r"not enough space",
          r"(temp|tmp)[^\n]{0,80}full"], expect_rc=(1, 2), post=no_crash_logs,
          tmp_setup=lambda t: mount_tmpfs(t, "1m"), **E)

    # the private directory deleted before the peer connects
    for t, entry in [("uds", "socket"), ("fifo", "fifo"), ("mmap", "ring")]:
        fault(f"private-dir-deleted-before-connect-{t}", run_args(t), delete_private_dir_act(),
              [r"did not come up", r"no such file", r"no ring file"], **E)
    fault("native-reference-dir-deleted-mid-run", run_args("tcp", jmh=med), delete_native_dir_act,
          [r"ipcref[^\n]*(no such file|cannot run|not found|error)", r"native[^\n]*(fail|error|could not|cannot)"],
          expect_rc=(0, 1), **E)
    fault("aeron-dir-deleted-mid-run", run_args("aeron-ipc", jmh=med), delete_aeron_dir_act, [r"aeron", r"fail"],
          expect_rc=(0, 1), post=results_or_message, **E)

    # a ring overwritten with garbage while both sides use it
    for t in ["mmap", "shm"]:
        fault(f"ring-corrupted-mid-run-{t}", run_args(t), corrupt_ring_act, [r"corrupt", r"timeout", r"no progress"], **E)

    # the reading commands on a full disk: what was there stays intact
    disk_full_commands(good_dir)


def signal_run_act(sig, group, what=PEER_CLASS, delay=2.0):
    def act(bg):
        pid = wait_peer(bg, delay, what)
        if pid is None:
            return None
        if group:
            os.killpg(bg.p.pid, sig)
            running = "the native reference" if what == "ipcref" else what.rsplit(".", 1)[-1].strip("- ")
            return f"{signal.Signals(sig).name} to the run's process group (as Ctrl-C does), {running} running"
        os.kill(bg.p.pid, sig)
        return f"{signal.Signals(sig).name} to the run command (pid {bg.p.pid}) only"

    return act


def interrupted_post(bg, out):
    m = re.search(r"What was measured so far is in (\S+) \(environment.json says complete: false\)", bg.both)
    if not m:
        return []
    env = os.path.join(out, "environment.json")
    if not os.path.isfile(env):
        kept = sorted(os.listdir(out)) if os.path.isdir(out) else "no folder"
        return [f"it says 'What was measured so far is in {m.group(1)} (environment.json says complete: false)' but "
                f"there is no environment.json there (folder: {kept})"]
    try:
        with open(env) as f:
            if json.load(f).get("complete") is not False:
                return ["environment.json does not say complete: false"]
    except ValueError as e:
        return [f"environment.json unreadable: {e}"]
    return []


def kept_first(out):
    try:
        with open(os.path.join(out, "jmh.json")) as f:
            data = json.load(f)
        if any(r["params"]["transport"] == "tcp" for r in data):
            return []
        return ["the first group's (tcp) result is not in jmh.json"]
    except (OSError, ValueError, KeyError) as e:
        return [f"the first group's result was not kept: {e}"]


def readable_results(bg, out):
    j = os.path.join(out, "jmh.json")
    try:
        with open(j) as f:
            data = json.load(f)
        if not isinstance(data, list):
            return ["jmh.json is no longer JMH's array"]
    except (OSError, ValueError) as e:
        return [f"jmh.json unreadable after kill -9: {e}"]
    return []


def act_on_out(fn, what):
    def act(bg):
        if wait_peer(bg, 2.0) is None:
            return None
        out = bg.p.args[bg.p.args.index("--out") + 1]
        fn(out)
        return what

    return act


def recreated_or_named(bg, out):
    rc = bg.p.returncode
    if rc == 0:
        if not os.path.isfile(os.path.join(out, "jmh.json")):
            return ["exit 0 but no jmh.json in the results folder"]
        return []
    if out not in bg.both:
        return ["failed without naming the results folder"]
    return []


def no_new_files_but_filler(out):
    extra = [n for n in os.listdir(out) if not (n == ".filler" or re.fullmatch(r"\.f\d+", n))]
    return [f"left in the full folder: {', '.join(extra)}"] if extra else []


def readonly_tmp_act(bg):
    # the temp directory was made read-only before the run: see below (the run starts right away)
    return "ran with java.io.tmpdir on a read-only bind mount" if wait_for(
        lambda: bg.p.poll() is not None or procs(bg.tmp), 30) else None


def small_tmp_act(bg):
    return "ran with java.io.tmpdir on a 1 MiB tmpfs (the ring needs 2 MiB)" if wait_for(
        lambda: bg.p.poll() is not None or procs(bg.tmp), 30) else None


def no_crash_logs(bg, out):
    logs = [os.path.join(d, n) for d in (WORK, bg.tmp, os.path.join(WORK, "faults")) if os.path.isdir(d)
            for n in os.listdir(d) if n.startswith("hs_err_pid")]
    return [f"JVM crash logs: {', '.join(logs)}"] if logs else []


def delete_private_dir_act():
    def act(bg):
        def find():
            if bg.p.poll() is not None:
                return "ended"
            for n in os.listdir(bg.tmp):
                d = os.path.join(bg.tmp, n)
                if n.startswith("ipcbench-") and os.path.isdir(d):
                    try:
                        entries = os.listdir(d)
                    except OSError:
                        continue
                    if entries and not any(e.startswith("ipcref") for e in entries):
                        return d
            return None

        d = wait_for(find, 90, 0.002)
        if d in (None, "ended"):
            return None
        entries = os.listdir(d) if os.path.isdir(d) else []
        force_rmtree(d)
        return f"rm -rf {os.path.basename(d)} (holding {', '.join(entries)}) before the peer connected"

    return act


def delete_native_dir_act(bg):
    if wait_peer(bg, 1.0) is None:
        return None
    for n in os.listdir(bg.tmp):
        d = os.path.join(bg.tmp, n)
        if n.startswith("ipcbench-") and os.path.isfile(os.path.join(d, "ipcref")):
            force_rmtree(d)
            return f"rm -rf the native reference's directory {n} while JMH measured"
    return None


def delete_aeron_dir_act(bg):
    before = {p for p in global_entries() if p.startswith("/dev/shm/")}
    if wait_peer(bg, 2.0) is None:
        return None
    # the newest ipcbench-* directory under /dev/shm holding an aeron directory
    cands = [p for p in global_entries() if p.startswith("/dev/shm/ipcbench-") and os.path.isdir(os.path.join(p, "aeron"))]
    cands.sort(key=lambda p: os.stat(p).st_mtime)
    if not cands:
        return None
    force_rmtree(cands[-1])
    return f"rm -rf {cands[-1]} (Aeron's directory) while measuring"


def results_or_message(bg, out):
    if bg.p.returncode == 0 and not os.path.isfile(os.path.join(out, "jmh.json")):
        return ["exit 0 without results"]
    return []


def corrupt_ring_act(bg):
    if wait_peer(bg, 2.0) is None:
        return None
    f = fork_pid(bg)
    if f is None:
        return None
    with open(f"/proc/{f}/maps") as m:
        lines = [l for l in m if "ipcbench-" in l and "(deleted)" in l]
    if not lines:
        return None
    rng = lines[0].split()[0]
    start, end = (int(x, 16) for x in rng.split("-"))
    rnd = random.Random(11)
    garbage = bytes(rnd.randrange(256) for _ in range(end - start - 256))
    with open(f"/proc/{f}/map_files/{rng}", "r+b") as mf:
        mf.seek(256)
        mf.write(garbage)
    return f"overwrote {end - start - 256} bytes of the unlinked ring file mapped by the fork (via /proc/{f}/map_files)"


def disk_full_commands(good_dir):
    """report and compact on a full file system: the folder's earlier files stay whole."""
    for name, cmd in [("report-on-full-disk", ["report"]), ("compact-on-full-disk", ["compact"])]:
        if not selected(name):
            continue
        tmp = new_tmp("f-" + name)
        d = os.path.join(WORK, "faults", name)
        if os.path.ismount(d):
            umount(d)
        if os.path.lexists(d):
            force_rmtree(d)
        mount_tmpfs(d, "512k")
        problems = []
        try:
            for n in os.listdir(good_dir):
                shutil.copy(os.path.join(good_dir, n), d)
            if cmd == ["report"]:
                r0 = cli(["report", "--no-charts", d], tmp)
                if r0.rc != 0:
                    problems.append(f"the first report failed: {snippet(r0.both)}")
            fill(d)
            before = {n: sha(os.path.join(d, n)) for n in os.listdir(d)}
            r = cli(cmd + [d], tmp, timeout=60)
            after = {n: sha(os.path.join(d, n)) for n in os.listdir(d)}
            if r.timed_out:
                problems.append("hang")
            if r.rc in (0, None):
                problems.append(f"exit code {r.rc} on a full disk")
            if not re.search(r"no space left", r.both, re.I):
                problems.append("no message naming the full disk")
            if STACK_RE.search(r.both):
                problems.append("Java stack trace printed")
            changed = [n for n in before if after.get(n) != before[n]]
            if changed:
                problems.append("changed or lost: " + ", ".join(changed))
            new = [n for n in after if n not in before]
            if new:
                problems.append("left behind: " + ", ".join(new))
            report("fault", name, not problems, ("; ".join(problems) + " -- " if problems else "")
                   + f"rc={r.rc}: {snippet(r.err or r.out)}")
        finally:
            umount(d)


# ----------------------------------------------------------------------------------------------
# (c) security


def sec(name, ok, detail):
    report("security", name, bool(ok), detail)


def forged_hello(pid):
    return struct.pack(">qq", HELLO_MAGIC, pid) + bytes(16)


def frame(message):
    return struct.pack(">I", len(message)) + message


def peer_address(c):
    m = re.search(r"--address (\S+)", c)
    return m.group(1) if m else None


def inet(address):
    host, port = address.rsplit(":", 1)
    return host.strip("[]"), int(port)


def results_ok(out, transport=None):
    """Whether out holds a complete positive result (of transport), as the run asked for."""
    try:
        with open(os.path.join(out, "jmh.json")) as f:
            data = json.load(f)
    except (OSError, ValueError) as e:
        return False, f"no jmh.json ({e})"
    rs = [r for r in data if transport is None or r["params"].get("transport") == transport]
    if not rs:
        return False, "no result"
    partial = partial_results(out)
    if partial:
        return False, "partial: " + "; ".join(partial)
    if not all(r["primaryMetric"]["score"] > 0 for r in rs):
        return False, "a score is not positive"
    return True, f"{len(rs)} result(s), score {rs[0]['primaryMetric']['score']:.4g} {rs[0]['primaryMetric']['scoreUnit']}"


class SecRun:
    """A run for security checks: started in the background; finish() waits and checks the aftermath."""

    def __init__(self, name, transport, jmh=SHORT, kind="roundtrip", extra=(), out=None):
        self.name = name
        self.tmp = new_tmp("s-" + name)
        self.out = out or os.path.join(WORK, "sec", name)
        if out is None and os.path.lexists(self.out):
            force_rmtree(self.out)
        self.g_before = global_entries()
        args = run_args(transport, kind, jmh=jmh, extra=extra)
        args = args[:1] + ["--out", self.out] + args[1:]
        self.bg = Background(args, self.tmp, "sec-" + name)

    def peer(self, delay=0.0, timeout=90, step=0.002):
        found = first_proc(self.tmp, PEER_CLASS, self.bg.p, timeout=timeout, step=step)
        if found and delay:
            time.sleep(delay)
        return found

    def finish(self, timeout=120):
        rc = self.bg.wait(timeout)
        if rc is None:
            self.bg.stop()
        self.orphans = orphans(self.tmp)
        kill_marker(self.tmp)
        self.left = leftovers(self.tmp, self.g_before)
        clean(self.left)
        self.rc = rc
        return rc

    def aftermath(self):
        bits = []
        if self.rc is None:
            bits.append("hung")
        if self.orphans:
            bits.append("orphans: " + "; ".join(self.orphans))
        if self.left:
            bits.append("left: " + describe_left(self.left))
        return bits


def poll_entries(root, until, pred, step=0.002):
    """Polls root for ipcbench-* directories until until() is true; returns
    {dir: {"mode": m, "files": {name: (mode, kind)}, "seen": t, "gone": t}}."""
    seen = {}
    while not until():
        try:
            names = os.listdir(root)
        except OSError:
            names = []
        now = time.time()
        for n in names:
            if not n.startswith("ipcbench-"):
                continue
            d = os.path.join(root, n)
            try:
                st = os.lstat(d)
                files = {}
                for f in os.listdir(d):
                    fs = os.lstat(os.path.join(d, f))
                    kind = ("fifo" if stat.S_ISFIFO(fs.st_mode) else "socket" if stat.S_ISSOCK(fs.st_mode)
                            else "dir" if stat.S_ISDIR(fs.st_mode) else "file")
                    files[f] = (stat.S_IMODE(fs.st_mode), kind)
            except OSError:
                continue
            e = seen.setdefault(d, {"mode": stat.S_IMODE(st.st_mode), "files": {}, "seen": now, "gone": None})
            e["files"].update(files)
        for d, e in seen.items():
            if e["gone"] is None and not os.path.lexists(d):
                e["gone"] = now
        if pred and pred(seen):
            break
        time.sleep(step)
    return seen


def security(good_dir):
    secrets = []

    # --- private directories, file modes, unlinking (uds, fifo, mmap, shm, aeron), listeners, secret
    for t, root in [("uds", None), ("fifo", None), ("mmap", None), ("shm", "/dev/shm"), ("aeron-ipc", "/dev/shm")]:
        name = f"private-files-{t}"
        if not selected(name):
            continue
        r = SecRun(name, t, jmh=["--", "-f", "1", "-wi", "0", "-i", "8", "-r", "500ms"])
        where = root or r.tmp
        state_ = {}

        def connected(seen, r=r, t=t):
            # the transport's directory (not the native reference's) is gone while both processes live
            for d, e in seen.items():
                if any(f.startswith("ipcref") for f in e["files"]) or not e["files"]:
                    continue
                if t == "aeron-ipc":
                    return False
                if e["gone"] and procs(r.tmp, PEER_CLASS) and procs(r.tmp, FORK_CLASS):
                    state_["maps"] = maps_of(r.tmp)
                    return True
            return False

        seen = poll_entries(where, lambda: r.bg.p.poll() is not None, connected)
        r.finish()
        dirs = {d: e for d, e in seen.items() if e["files"] and not any(f.startswith("ipcref") for f in e["files"])}
        natives = {d: e for d, e in seen.items() if any(f.startswith("ipcref") for f in e["files"])}
        if not dirs:
            sec(name + "-dir-0700-random", False, f"never saw the transport's ipcbench-* directory under {where}")
            continue
        d, e = next(iter(dirs.items()))
        suffix = os.path.basename(d)[len("ipcbench-"):]
        ok = e["mode"] == 0o700 and len(suffix) >= 10
        sec(name + "-dir-0700-random", ok, f"{d}: mode {e['mode']:04o}, random part '{suffix}' ({len(suffix)} chars), "
            f"files {sorted((f, f'{m:04o}', k) for f, (m, k) in e['files'].items())}")
        secrets.append(("dir", suffix))
        if t in ("fifo", "mmap", "shm"):
            want = {"fifo": "fifo", "mmap": "file", "shm": "file"}[t]
            fs = [(f, m, k) for f, (m, k) in e["files"].items() if k == want]
            ok = bool(fs) and all(m == 0o600 for _, m, _ in fs)
            sec(f"{name}-{'fifos' if t == 'fifo' else 'ring'}-0600", ok,
                f"{', '.join(f'{f} {k} mode {m:04o}' for f, m, k in fs) or 'no ' + want + ' seen'}")
        if t != "aeron-ipc":
            gone = e["gone"] is not None and "maps" in state_
            extra = ""
            if t in ("mmap", "shm"):
                deleted = [l for l in state_.get("maps", []) if "ipcbench-" in l and "(deleted)" in l]
                gone = gone and bool(deleted)
                extra = f"; fork maps the ring as: {deleted[0].split()[-2] + ' (deleted)' if deleted else 'not seen'}"
            sec(f"{name}-unlinked-after-connect", gone and r.rc == 0,
                f"directory removed {((e['gone'] or 0) - e['seen']):.2f}s after it appeared, while peer and fork were "
                f"alive: {gone}{extra}; run rc={r.rc}; " + "; ".join(r.aftermath()))
        if t == "uds" and natives:
            nd, ne = next(iter(natives.items()))
            sec("native-reference-dir-0700", ne["mode"] == 0o700, f"{nd}: mode {ne['mode']:04o}, files "
                f"{sorted((f, f'{m:04o}') for f, (m, _) in ne['files'].items())}")

    names = [v for k, v in secrets if k == "dir"]
    if names:
        sec("private-dir-names-distinct", len(names) >= 3 and len(set(names)) == len(names),
            f"random parts of the {len(names)} private directories seen: {', '.join(names)}")
    listeners_and_secret(secrets)
    impostors()
    planted_links(good_dir)


def maps_of(marker):
    f = procs(marker, FORK_CLASS)
    if not f:
        return []
    try:
        with open(f"/proc/{f[0][0]}/maps") as m:
            return m.readlines()
    except OSError:
        return []


def listeners_and_secret(secrets):
    name = "listeners-loopback-only"
    if not selected(name) and not selected("secret"):
        return
    r = SecRun(name, "tcp,udp", jmh=["--", "-f", "1", "-wi", "0", "-i", "6", "-r", "300ms"])
    seen = {}
    env_info = {}
    stop = threading.Event()

    def sample():
        while not stop.is_set():
            mine = {p for p, _ in procs(r.tmp)}
            if mine:
                out = subprocess.run(["ss", "-H", "-ltnup"], capture_output=True, text=True).stdout
                for line in out.splitlines():
                    m = re.search(r"pid=(\d+)", line)
                    if m and int(m.group(1)) in mine:
                        f = line.split()
                        seen.setdefault((f[0], f[4]), describe_cmd(cmdline(m.group(1))))
            for p, c in procs(r.tmp, PEER_CLASS):
                if p not in env_info:
                    try:
                        with open(f"/proc/{p}/environ", "rb") as f:
                            env = f.read()
                        st = os.stat(f"/proc/{p}/environ")
                        env_info[p] = (env, c, st)
                    except OSError:
                        pass
            time.sleep(0.02)

    th = threading.Thread(target=sample, daemon=True)
    th.start()
    # while it runs: another user reading the peer's environment, ps output
    peer = r.peer(delay=0.5)
    nobody_read = ps_out = None
    if peer:
        nobody_read = subprocess.run(["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", "cat",
                                      f"/proc/{peer[0]}/environ"], capture_output=True)
        ps_out = subprocess.run(["ps", "auxww"], capture_output=True, text=True).stdout
        cmdlines = " ".join(c for _, c in procs(r.tmp))
    r.finish()
    stop.set()
    th.join()
    transport = [(k, v) for k, v in seen.items() if v == "ForkedMain"]
    bad_addr = [f"{k[0]} {k[1]} ({v})" for k, v in seen.items()
                if not re.match(r"(127\.\d+\.\d+\.\d+|\[::1\]|\[::ffff:127\.\d+\.\d+\.\d+\]):\d+$", k[1])]
    sec(name, bool(transport) and not bad_addr and r.rc == 0,
        f"listening sockets of the run's processes: {sorted(f'{k[0]} {k[1]} ({v})' for k, v in seen.items()) or 'none seen'}"
        + (f"; NOT loopback: {bad_addr}" if bad_addr else "") + f"; run rc={r.rc}")
    if not env_info or not peer:
        sec("secret-not-on-command-lines", False, "could not read a peer's environment while the run went on")
        return
    secret = None
    for env, c, st in env_info.values():
        for kv in env.split(b"\0"):
            if kv.startswith(SECRET_VAR.encode() + b"="):
                secret = kv.split(b"=", 1)[1].decode()
                sec_stat = st
                peer_cmd = c
    if secret is None:
        sec("secret-not-on-command-lines", False, f"{SECRET_VAR} not in the peer's environment")
        return
    secrets.append(("secret", secret))
    hit = [w for w, text in [("peer/fork/run command lines", cmdlines), ("ps auxww", ps_out or "")] if secret in text]
    sec("secret-not-on-command-lines", not hit and len(secret) == 32,
        f"{SECRET_VAR} (32 hex chars) read from /proc/PID/environ; found in: {hit or 'neither command lines nor ps auxww'}")
    readable = nobody_read is not None and nobody_read.returncode == 0
    sec("secret-environ-owner-only", stat.S_IMODE(sec_stat.st_mode) == 0o400 and not readable,
        f"/proc/PID/environ mode {stat.S_IMODE(sec_stat.st_mode):04o} uid {sec_stat.st_uid}; uid {NOBODY} reading it: "
        f"{'READ IT' if readable else nobody_read.stderr.decode().strip()}; (the same user and root can read it, "
        f"as the README says)")
    files = []
    for base in (r.out, os.path.join(WORK, "logs")):
        for rel in tree(base):
            pth = os.path.join(base, rel)
            if os.path.isfile(pth) and secret in read(pth):
                files.append(pth)
    sec("secret-not-in-results-or-output", not files,
        f"searched {r.out} and the run's output: {files or 'not found'}")


def intrude_first(r, fn, step=0.001):
    """Waits for the peer process to appear and calls fn(address, peer_pid) before it can connect."""
    found = r.peer(step=step)
    if not found:
        return None, "the peer never appeared"
    pid, c = found
    addr = peer_address(c)
    return fn(addr, pid), addr


def impostors():
    # tcp: a forged hello (right magic, the peer's pid, no secret) reaches the port first
    name = "impostor-tcp-forged-hello"
    if selected(name):
        r = SecRun(name, "tcp")
        info = {}

        def fn(addr, pid):
            sk = socket.create_connection(inet(addr), timeout=20)
            info["t"] = time.time()
            sk.sendall(frame(forged_hello(pid)))
            closed = False
            try:
                while True:
                    b = sk.recv(4096)
                    if not b:
                        closed = True
                        break
            except OSError as e:
                closed = isinstance(e, ConnectionResetError)
                info["err"] = repr(e)
            info["closed_after"] = time.time() - info["t"]
            sk.close()
            return closed

        closed, addr = intrude_first(r, fn)
        r.finish()
        ok, why = results_ok(r.out, "tcp")
        sec(name, closed and ok and r.rc == 0 and not r.aftermath(),
            f"connected to {addr} before the peer and sent a forged hello: connection "
            f"{'closed by the benchmark side after %.2fs' % info['closed_after'] if closed else 'NOT closed ' + info.get('err', '')}; "
            f"run rc={r.rc}, {why}; " + "; ".join(r.aftermath()))

    # tcp: a hostile length prefix (2 GiB) must not make the benchmark side allocate it
    name = "impostor-tcp-huge-length-prefix"
    if selected(name):
        r = SecRun(name, "tcp")
        info = {}

        def fn(addr, pid):
            sk = socket.create_connection(inet(addr), timeout=30)
            sk.sendall(struct.pack(">I", 0x7FFFFFF0) + b"A" * 100)
            fork = first_proc(r.tmp, FORK_CLASS, timeout=5)
            base = rss(fork[0]) if fork else None
            peak = base
            closed = False
            t0 = time.time()
            sk.settimeout(0.2)
            while time.time() - t0 < 25:
                if fork:
                    v = rss(fork[0])
                    if v is not None and base is not None:
                        peak = max(peak, v)
                try:
                    if sk.recv(4096) == b"":
                        closed = True
                        break
                except socket.timeout:
                    continue
                except OSError:
                    closed = True
                    break
            info.update(base=base, peak=peak, after=time.time() - t0)
            sk.close()
            return closed

        closed, addr = intrude_first(r, fn)
        r.finish()
        ok, why = results_ok(r.out, "tcp")
        growth = (info.get("peak") or 0) - (info.get("base") or 0)
        sec(name, closed and ok and r.rc == 0 and growth < 256 << 20,
            f"sent a 2147483632-byte length header and 100 bytes first: fork VmRSS {info.get('base', 0) >> 20} MiB -> peak "
            f"{info.get('peak', 0) >> 20} MiB; connection {'closed after %.1fs' % info['after'] if closed else 'NOT closed'}; "
            f"run rc={r.rc}, {why}; " + "; ".join(r.aftermath()))

    # tcp: several silent connections queued before the peer must not keep it out
    name = "impostor-tcp-four-silent-connections"
    if selected(name):
        r = SecRun(name, "tcp")
        socks = []

        def fn(addr, pid):
            for _ in range(4):
                socks.append(socket.create_connection(inet(addr), timeout=60))
            return True

        done, addr = intrude_first(r, fn)
        rc = r.finish(150)
        for sk in socks:
            sk.close()
        ok, why = results_ok(r.out, "tcp")
        said = re.search(r"no peer connected within[^\n;]*", r.bg.both)
        refused = len(re.findall(r"a process that is not this run's peer connected", said.string)) if said else 0
        sec(name, done and ok and rc == 0,
            f"4 silent connections to {addr} before the peer; run rc={rc}, {why}: "
            f"{'the peer was kept out: ' + said.group(0) + f' after refusing {refused // 2 or refused} silent connection(s), 10 s each' if said else failure_lines(r.bg.both, 2)}; "
            + "; ".join(r.aftermath()))

    # tcp: once the peer is in, the port no longer listens
    name = "tcp-listener-closed-after-admission"
    if selected(name):
        r = SecRun(name, "tcp")
        found = r.peer(delay=2.5)
        result = "peer never appeared"
        refused = False
        if found:
            try:
                sk = socket.create_connection(inet(peer_address(found[1])), timeout=5)
                sk.close()
                result = "connect SUCCEEDED"
            except ConnectionRefusedError:
                refused = True
                result = "connection refused"
            except OSError as e:
                result = repr(e)
        r.finish()
        sec(name, refused and r.rc == 0, f"connect to the port 2.5 s after the peer started: {result}; run rc={r.rc}")

    # udp: a knock without the secret, then a forged hello; later, garbage datagrams
    name = "impostor-udp-knock"
    if selected(name) or selected("udp-garbage-after-connect"):
        r = SecRun(name, "udp", jmh=["--", "-f", "1", "-wi", "0", "-i", "12", "-r", "500ms"])
        info = {}

        def fn(addr, pid):
            sk = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            sk.connect(inet(addr))
            sk.send(b"ipcbench knock 2")
            sk.send(forged_hello(pid))
            sk.settimeout(3)
            try:
                info["reply"] = sk.recv(4096)
            except (socket.timeout, OSError) as e:
                info["reply"] = None
                info["err"] = type(e).__name__
            return sk

        sk, addr = intrude_first(r, fn)
        sent = 0
        if sk and r.bg.p.poll() is None:
            for i in range(300):
                try:
                    sk.send(struct.pack(">I", 64) + os.urandom(60))
                    sent += 1
                except OSError:
                    pass
                time.sleep(0.005)
            sk.close()
        r.finish()
        ok, why = results_ok(r.out, "udp")
        sec(name, sk is not None and info.get("reply") is None and ok and r.rc == 0,
            f"knocked at {addr} without the secret and sent a forged hello before the peer: reply "
            f"{info.get('reply')!r} ({info.get('err')}); run rc={r.rc}, {why}")
        sec("udp-garbage-after-connect", sent > 0 and ok and r.rc == 0,
            f"{sent} garbage datagrams sent to {addr} during the measurement; run rc={r.rc}, {why}; "
            + "; ".join(r.aftermath()))

    # uds, same user: the wait ends with the reason, and no number is posted
    name = "impostor-uds-same-user"
    if selected(name):
        r = SecRun(name, "uds")

        def fn(addr, pid):
            sk = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            sk.settimeout(20)
            sk.connect(addr)
            sk.sendall(frame(forged_hello(pid)))
            return sk

        try:
            sk, addr = intrude_first(r, fn)
        except OSError as e:
            sk, addr = None, repr(e)
        r.finish()
        if sk:
            sk.close()
        ok, why = results_ok(r.out, "uds")
        said = re.search(r"not this run's peer[^\n]*", r.bg.both)
        sec(name, sk is not None and not ok and r.rc not in (0, None) and said and not r.aftermath(),
            f"as the same user, connected to {addr} first with a forged hello: run rc={r.rc}, results: {why}; "
            f"message: {said.group(0)[:200] if said else 'none naming the intruder'}; " + "; ".join(r.aftermath()))

    # uds, another user: cannot even reach the socket
    name = "impostor-uds-other-user"
    if selected(name):
        r = SecRun(name, "uds")

        def fn(addr, pid):
            code = ("import socket,sys\ns=socket.socket(socket.AF_UNIX)\ntry:\n s.connect(sys.argv[1]); print('CONNECTED')\n"
                    "except OSError as e: print(type(e).__name__, e.strerror)")
            return subprocess.run(["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups",
                                   "/usr/bin/python3", "-c", code, addr], capture_output=True, text=True).stdout.strip()

        res, addr = intrude_first(r, fn)
        r.finish()
        ok, why = results_ok(r.out, "uds")
        sec(name, res is not None and "CONNECTED" not in res and "Permission" in res and ok and r.rc == 0,
            f"uid {NOBODY} connecting to {addr} before the peer: {res}; run rc={r.rc}, {why}")


def rss(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            m = re.search(r"VmRSS:\s+(\d+) kB", f.read())
            return int(m.group(1)) * 1024 if m else None
    except OSError:
        return None


def planted_links(good_dir):
    base = os.path.join(WORK, "links")
    if os.path.lexists(base):
        force_rmtree(base)
    os.makedirs(base)

    def victim(name, text="victim: must never change\n"):
        p = os.path.join(base, "victims", name)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "w") as f:
            f.write(text)
        return p

    # run --force into a folder whose results files are links to victims
    name = "run-never-writes-through-planted-links"
    if selected(name):
        out = os.path.join(base, "run-out")
        os.makedirs(out)
        links = {}
        for n in ["jmh.json", "environment.json", "native.json", "jmh-histograms.hlog", "jmh.json.tmp", "README.md"]:
            v = victim("run-" + n)
            os.symlink(v, os.path.join(out, n))
            links[n] = (v, sha(v))
        r = SecRun(name, "tcp", jmh=TINY, extra=["--force"], out=out)
        r.finish()
        changed = [n for n, (v, h) in links.items() if sha(v) != h]
        still_links = [n for n in ["jmh.json", "environment.json", "native.json"] if os.path.islink(os.path.join(out, n))]
        ok, why = results_ok(out, "tcp")
        sec(name, not changed and not still_links and ok and r.rc == 0,
            f"links planted for {', '.join(links)}; victims changed: {changed or 'none'}; results files still links: "
            f"{still_links or 'none (replaced by regular files)'}; run rc={r.rc}, {why}")

    # run refuses a folder that holds results
    name = "run-refuses-folder-with-results"
    if selected(name):
        out = os.path.join(base, "has-results")
        shutil.copytree(good_dir, out)
        h = sha(out)
        tmp = new_tmp("s-" + name)
        rr = cli(["run", "--transports", "tcp", "--sizes", "64", "--no-baseline", "--out", out] + TINY, tmp)
        msg = message_lines(rr.err)
        sec(name, rr.rc == 2 and sha(out) == h and "--force" in " ".join(msg),
            f"rc={rr.rc}, folder unchanged: {sha(out) == h}: {' | '.join(msg[:2])}")

    # report: a foreign README, a README link, chart links
    name = "report-leaves-foreign-readme"
    if selected(name):
        d = os.path.join(base, "foreign-readme")
        shutil.copytree(good_dir, d)
        with open(os.path.join(d, "README.md"), "w") as f:
            f.write("# My own notes about this run\n")
        h = sha(os.path.join(d, "README.md"))
        tmp = new_tmp("s-" + name)
        rr = cli(["report", d], tmp)
        sec(name, rr.rc == 2 and sha(os.path.join(d, "README.md")) == h,
            f"rc={rr.rc}, README unchanged: {sha(os.path.join(d, 'README.md')) == h}: {snippet(rr.err, 1)}")

    name = "report-never-writes-through-readme-link"
    if selected(name):
        d = os.path.join(base, "readme-link")
        shutil.copytree(good_dir, d)
        v = victim("readme", "# a file elsewhere\n")
        os.symlink(v, os.path.join(d, "README.md"))
        h = sha(v)
        tmp = new_tmp("s-" + name)
        r1 = cli(["report", "--no-charts", d], tmp)
        r2 = cli(["report", "--no-charts", "--force", d], tmp)
        replaced = os.path.isfile(os.path.join(d, "README.md")) and not os.path.islink(os.path.join(d, "README.md"))
        sec(name, r1.rc == 2 and r2.rc == 0 and sha(v) == h and replaced,
            f"without --force rc={r1.rc} ({snippet(r1.err, 1)}); with --force rc={r2.rc}; victim unchanged: {sha(v) == h}; "
            f"README.md now a regular file: {replaced}")

    name = "report-never-writes-through-chart-links"
    if selected(name):
        d = os.path.join(base, "chart-links")
        shutil.copytree(good_dir, d)
        vs = {}
        for n in ["latency-vs-size.svg", "latency-vs-size.png", "latency-percentiles-64B.svg", "throughput-vs-size.svg"]:
            v = victim("chart-" + n)
            os.symlink(v, os.path.join(d, n))
            vs[n] = (v, sha(v))
        tmp = new_tmp("s-" + name)
        rr = cli(["report", d], tmp, timeout=120)
        changed = [n for n, (v, h) in vs.items() if sha(v) != h]
        sec(name, rr.rc == 0 and not changed,
            f"links planted for {', '.join(vs)}; rc={rr.rc}; victims changed: {changed or 'none'}; "
            f"{snippet(rr.out, 3)}")


if __name__ == "__main__":
    sys.exit(main())
