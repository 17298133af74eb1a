const test = require('node:test');
const assert = require('node:assert');
const { calc } = require('./exercise');

test('precedence', () => assert.strictEqual(calc('2 + 3 * 4'), 14));
