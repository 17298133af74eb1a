const test = require('node:test');
const assert = require('node:assert');
const request = require('supertest');
const { app } = require('./exercise');

test('GET /health answers ok', async () => {
  const res = await request(app).get('/health');
  assert.strictEqual(res.status, 200);
  assert.deepStrictEqual(res.body, { ok: true });
});
