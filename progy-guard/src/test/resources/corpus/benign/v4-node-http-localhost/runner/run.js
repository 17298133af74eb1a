const { spawnSync } = require('node:child_process');
const path = require('node:path');

// Runs the exercise's test file with node and passes its exit code on.
const dir = path.dirname(path.join('content', process.argv[2]));
const r = spawnSync(process.execPath, [path.join(dir, 'test.js')], { stdio: 'inherit' });
process.exit(r.status ?? 1);
