const test = require('node:test');
const assert = require('node:assert');
const net = require('node:net');
const { spawnSync } = require('node:child_process');
const { createServer } = require('./exercise');

test('answers in upper case', async () => {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const client = net.connect(server.address().port, '127.0.0.1');
  client.write('hello');
  const [reply] = await Promise.all([new Promise((resolve) => client.once('data', resolve))]);
  assert.strictEqual(reply.toString(), 'HELLO');
  client.end();
  server.close();
});

test('the module loads on its own', () => {
  const r = spawnSync(process.execPath, ['-e', "require('./exercise')"], { cwd: __dirname, env: { ...process.env, NODE_ENV: 'test' } });
  assert.strictEqual(r.status, 0);
});
