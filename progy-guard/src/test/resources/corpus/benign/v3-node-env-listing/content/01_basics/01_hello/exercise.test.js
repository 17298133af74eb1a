const test = require('node:test');
const assert = require('node:assert');
const { appSettings } = require('./exercise');

test('keeps APP_ names', () => {
  assert.deepStrictEqual(appSettings({ APP_B: '1', HOME: '/h', APP_A: '2' }), ['APP_A', 'APP_B']);
});
