#!/usr/bin/env python3
"""progy ui (issue 19): start-up to the first page against `progy list`, and page render times on a 200-exercise course.

    benchmarks/ui-load.py [path/to/progy] [rounds]

Makes a course of 10 modules × 20 exercises (the Python sample's format, each README with a code block), a workspace
of it, then:
  1. start-up: wall time from starting `progy ui --no-open` to the map's 200 over loopback, against `progy list`'s
     whole run, both from a fresh JVM, rounds interleaved, medians;
  2. render: one `progy ui`, the map and exercise pages requested back to back over one keep-alive connection
     (2 000 of each after 300 of warm-up); p50/p99 of the server's answer time as the client sees it.
"""
import http.client, os, re, shutil, statistics, subprocess, sys, tempfile, time

PROGY = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "progy-cli", "target", "progy")
ROUNDS = int(sys.argv[2]) if len(sys.argv) > 2 else 10
MODULES, PER_MODULE = 10, 20


def make_course(root):
    os.makedirs(os.path.join(root, "runner"))
    with open(os.path.join(root, "runner", "run.py"), "w") as f:
        f.write("import sys\nprint('PASS ok')\n")
    with open(os.path.join(root, "course.json"), "w") as f:
        f.write('{"id": "ui-load", "title": "UI load", "version": "1.0.0", "runners": [{"id": "python", "name": "Python",'
                ' "command": "python3", "args": ["runner/run.py", "{{exercise}}", "{{id}}"]}],'
                ' "content": {"root": ".", "exercises": "content"}}')
    for m in range(1, MODULES + 1):
        mdir = os.path.join(root, "content", "%02d_module" % m)
        os.makedirs(mdir)
        lines = ['[module]\ntitle = "Module %d"\n\n[exercises]\n' % m]
        for e in range(1, PER_MODULE + 1):
            name = "%02d_ex" % e
            os.makedirs(os.path.join(mdir, name))
            with open(os.path.join(mdir, name, "README.md"), "w") as f:
                f.write("# Exercise %d.%d\n\nMake `solve(n)` return *n* squared.\n\n```python\ndef solve(n):\n"
                        "    # square it\n    return n * n  # 'done'\n```\n\n- one\n- two\n\n"
                        "A [link](../01_ex/README.md) and more text. " % (m, e) * 1 + "Words. " * 200 + "\n")
            with open(os.path.join(mdir, name, "exercise.py"), "w") as f:
                f.write("def solve(n):\n    return 0\n")
            with open(os.path.join(mdir, name, "solution.py"), "w") as f:
                f.write("def solve(n):\n    return n * n\n")
            lines.append('%s = { title = "Exercise %d.%d", xp = 10, hints = ["Multiply."] }\n' % (name, m, e))
        with open(os.path.join(mdir, "info.toml"), "w") as f:
            f.write("".join(lines))


def start_ui(ws):
    p = subprocess.Popen([PROGY, "ui", "--no-open", "--no-color", "-C", ws], stdout=subprocess.PIPE, text=True)
    for line in p.stdout:
        m = re.search(r"http://127\.0\.0\.1:(\d+)/\?token=(\S+)", line)
        if m:
            return p, int(m.group(1)), m.group(2)
    raise SystemExit("progy ui printed no address")


def first_page(ws):
    t0 = time.perf_counter()
    p, port, token = start_ui(ws)
    c = http.client.HTTPConnection("127.0.0.1", port)
    c.request("GET", "/?token=" + token)
    r = c.getresponse(); r.read()
    cookie = r.getheader("Set-Cookie").split(";")[0]
    c.request("GET", "/", headers={"Cookie": cookie})
    r = c.getresponse(); body = r.read()
    elapsed = time.perf_counter() - t0
    assert r.status == 200 and b"Module 10" in body
    p.terminate(); p.wait()
    return elapsed


def list_run(ws):
    t0 = time.perf_counter()
    subprocess.run([PROGY, "list", "--no-color", "-C", ws], stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - t0


def pct(xs, q):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(q / 100 * (len(xs) - 1))))]


def main():
    tmp = tempfile.mkdtemp(prefix="ui-load-")
    try:
        make_course(os.path.join(tmp, "course"))
        subprocess.run([PROGY, "init", os.path.join(tmp, "course"), os.path.join(tmp, "ws")], check=True,
                       stdout=subprocess.DEVNULL)
        ws = os.path.join(tmp, "ws")
        ui, lst = [], []
        for _ in range(ROUNDS):
            lst.append(list_run(ws))
            ui.append(first_page(ws))
        print("start-up, median of %d: progy list %.0f ms, progy ui to its first page %.0f ms (%.2f×)"
              % (ROUNDS, statistics.median(lst) * 1000, statistics.median(ui) * 1000,
                 statistics.median(ui) / statistics.median(lst)))
        p, port, token = start_ui(ws)
        c = http.client.HTTPConnection("127.0.0.1", port)
        c.request("GET", "/?token=" + token)
        r = c.getresponse(); r.read()
        cookie = r.getheader("Set-Cookie").split(";")[0]
        for name, paths in (("map", ["/"]), ("exercise", ["/exercise?id=%02d_module/%02d_ex" % (m, e)
                                                            for m in range(1, MODULES + 1) for e in range(1, PER_MODULE + 1)])):
            times = []
            for i in range(2300):
                t0 = time.perf_counter()
                c.request("GET", paths[i % len(paths)], headers={"Cookie": cookie})
                r = c.getresponse(); r.read()
                if i >= 300:
                    times.append(time.perf_counter() - t0)
                assert r.status == 200, r.status
            print("%-8s page: p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d requests)"
                  % (name, pct(times, 50) * 1000, pct(times, 99) * 1000, max(times) * 1000, len(times)))
        p.terminate(); p.wait()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
