const { WebSocketServer } = require('ws');

// TODO: broadcast every message to every client
function createChat(port) {
  return new WebSocketServer({ port });
}

module.exports = { createChat };
