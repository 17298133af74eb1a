const test = require('node:test');
const assert = require('node:assert');
const WebSocket = require('ws');
const { createChat } = require('./exercise');

test('echoes to the sender', async () => {
  const chat = createChat(0);
  const ws = new WebSocket(`ws://127.0.0.1:${chat.address().port}`);
  await new Promise((resolve) => ws.on('open', resolve));
  ws.send(JSON.stringify({ text: 'hi' }));
  const [msg] = await new Promise((resolve) => ws.on('message', (...args) => resolve(args)));
  assert.deepStrictEqual(JSON.parse(msg.toString()), { text: 'hi' });
  ws.close();
  chat.close();
});
