#!/usr/bin/env python3
# usage: benchmarks/publish-steps.py progy-server/target/progy-server.jar progy-cli/target/progy examples 18490
# (a fresh SQLite server on that port, solution runs on, link checks off; the step times are seen by polling the
# publish status every 100 ms, so a step shorter than that shows as 0 ms)
"""Publishes each sample course to a fresh server and prints when each pipeline step started and ended."""
import json, subprocess, sys, time, urllib.request, os, shutil, tempfile
jar, cli, examples, port = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
work = tempfile.mkdtemp(prefix='pubbench-')
db = f'sqlite:{work}/server.db'
def admin(*a):
    return subprocess.run(['java', '-jar', jar, 'admin', *a, '--db', db], capture_output=True, text=True).stdout
admin('create-user', 'bench')
token = admin('create-token', 'bench', 'publish:bench,read').strip().splitlines()[-1]
srv = subprocess.Popen(['java', '-Xmx512m', '-jar', jar, 'serve', '--db', db, '--port', str(port),
                        '--registry-links', 'off'], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
base = f'http://127.0.0.1:{port}'
for _ in range(120):
    try:
        urllib.request.urlopen(base + '/api/v1/ready'); break
    except Exception:
        time.sleep(0.5)
try:
    for course in sorted(os.listdir(examples)):
        src = os.path.join(examples, course)
        if not os.path.isfile(os.path.join(src, 'course.json')):
            continue
        copy = os.path.join(work, course)
        shutil.copytree(src, copy)
        cj = json.load(open(os.path.join(copy, 'course.json')))
        cj['id'] = '@bench/' + cj['id']
        json.dump(cj, open(os.path.join(copy, 'course.json'), 'w'))
        archive = os.path.join(work, course + '.progy')
        subprocess.run([cli, 'pack', copy, '-o', archive], check=True, capture_output=True)
        data = open(archive, 'rb').read()
        t0 = time.monotonic()
        req = urllib.request.Request(base + '/api/v1/publish', data=data, method='POST', headers={
            'Authorization': 'Bearer ' + token, 'Content-Type': 'application/octet-stream'})
        started = json.load(urllib.request.urlopen(req))
        up = time.monotonic() - t0
        seen, marks = {}, []
        while True:
            r = urllib.request.Request(base + started['url'], headers={'Authorization': 'Bearer ' + token})
            st = json.load(urllib.request.urlopen(r))
            now = time.monotonic() - t0
            for s in st['steps']:
                if seen.get(s['step']) != s['state']:
                    seen[s['step']] = s['state']; marks.append((now, s['step'], s['state'], s['detail']))
            if st['state'] != 'pending':
                break
            time.sleep(0.1)
        print(f"## {cj['id']} ({len(data)} bytes): upload {up*1000:.0f} ms, {st['state']} after {now:.1f} s")
        running = {}
        for t, step, state, detail in marks:
            if state == 'running':
                running[step] = t
            elif state not in ('waiting',):
                began = running.get(step, t)
                print(f"  {step:10} {state:8} {1000*(t-began):8.0f} ms  (at {t:5.1f} s)  {detail[:70]}")
finally:
    srv.terminate(); srv.wait()
