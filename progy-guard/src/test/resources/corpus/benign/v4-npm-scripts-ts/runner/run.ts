import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const dir = path.dirname(path.join('content', process.argv[2]));
const r = spawnSync('npx', ['tsx', path.join(dir, 'exercise.test.ts')], { stdio: 'inherit' });
process.exit(r.status ?? 1);
