const assert = require('node:assert');
const { total } = require('./exercise');
assert.strictEqual(total([1, 2, 3]), 6);
console.log('ok');
