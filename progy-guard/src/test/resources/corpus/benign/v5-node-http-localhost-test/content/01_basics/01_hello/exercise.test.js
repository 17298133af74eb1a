const test = require('node:test');
const assert = require('node:assert');
const http = require('node:http');
const { handler } = require('./exercise.js');

test('answers hello on /', async () => {
  const server = http.createServer(handler).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const { port } = server.address();
  const res = await fetch(`http://127.0.0.1:${port}/`);
  assert.strictEqual(await res.text(), 'hello');
  server.close();
});
