#!/usr/bin/env python3
"""Whole commands timed in turns, for a shared, loaded machine where hyperfine's back-to-back runs drift with the load.

    benchmarks/interleaved.py ROUNDS 'name=command' 'name=command' ...

Runs each command once per round, in turn, ROUNDS rounds after two of warm-up; prints for each its median wall time
and its median CPU time (user + system, its own and its children's), and both as ratios to the first command.
The CPU time hardly moves with the machine's load, the wall time does."""
import os, sys, time, statistics, subprocess, shlex
args = sys.argv[1:]
n = int(args[0]); cmds = args[1:]
names = [c.split('=',1)[0] for c in cmds]; cmds = [c.split('=',1)[1] for c in cmds]
wall = {i: [] for i in range(len(cmds))}; cpu = {i: [] for i in range(len(cmds))}
dn = open(os.devnull, 'w')
for r in range(n + 2):
    for i, c in enumerate(cmds):
        t0 = time.perf_counter()
        p = subprocess.Popen(shlex.split(c), stdout=dn, stderr=dn, stdin=subprocess.DEVNULL)
        _, status, ru = os.wait4(p.pid, 0)
        t1 = time.perf_counter()
        if r >= 2:
            wall[i].append((t1 - t0) * 1000); cpu[i].append((ru.ru_utime + ru.ru_stime) * 1000)
base_w = statistics.median(wall[0]); base_c = statistics.median(cpu[0])
for i in range(len(cmds)):
    w = statistics.median(wall[i]); c = statistics.median(cpu[i])
    print(f"{names[i]:28s} wall median {w:7.1f} ms (min {min(wall[i]):6.1f})  x{w/base_w:5.2f}   cpu median {c:7.1f} ms  x{c/base_c:5.2f}")
print("load", os.getloadavg())
