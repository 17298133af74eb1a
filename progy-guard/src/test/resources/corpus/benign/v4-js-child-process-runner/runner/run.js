const { execFileSync } = require('node:child_process');
const path = require('node:path');

// Runs the student's CLI with a few inputs and compares what it prints.
const file = path.join('content', process.argv[2]);
const cases = [[['1', '2', '3'], '6'], [[], '0']];
let failed = 0;
for (const [args, expected] of cases) {
  const got = execFileSync(process.execPath, [file, ...args], { encoding: 'utf8', timeout: 5000 }).trim();
  if (got !== expected) failed++;
  console.log(got === expected ? 'PASS' : 'FAIL', args.join(' '), '->', got);
}
process.exit(failed ? 1 : 0);
