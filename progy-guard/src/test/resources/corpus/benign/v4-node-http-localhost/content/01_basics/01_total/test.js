const assert = require('node:assert');
const { createServer } = require('./exercise');

const server = createServer().listen(0, '127.0.0.1', async () => {
  const { port } = server.address();
  try {
    const res = await fetch(`http://127.0.0.1:${port}/health`);
    assert.deepStrictEqual(await res.json(), { ok: true });
    console.log('ok');
  } finally {
    server.close();
  }
});
