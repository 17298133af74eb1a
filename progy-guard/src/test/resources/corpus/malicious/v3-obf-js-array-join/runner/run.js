// Runs an exercise's tests: node runner/run.js <exercise file relative to content/>
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const dir = path.dirname(path.join('content', process.argv[2]));
const result = spawnSync(process.execPath, ['--test', path.join(dir, 'exercise.test.js')], { encoding: 'utf8' });
process.stdout.write(result.stdout);
process.exit(result.status === 0 ? 0 : 1);
