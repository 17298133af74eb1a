const net = require('node:net');

function createServer() {
  return net.createServer((socket) => {
    socket.on('data', (data) => socket.write(data.toString().toUpperCase()));
  });
}

module.exports = { createServer };
