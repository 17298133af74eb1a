const { WebSocketServer } = require('ws');

function createChat(port) {
  const wss = new WebSocketServer({ port });
  wss.on('connection', (ws) => {
    ws.on('message', (data) => {
      for (const client of wss.clients) client.send(data.toString());
    });
  });
  return wss;
}

module.exports = { createChat };
