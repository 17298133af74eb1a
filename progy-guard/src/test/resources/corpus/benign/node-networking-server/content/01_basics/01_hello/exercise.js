const net = require('node:net');

// TODO: return a server that answers every line with its upper-case version
function createServer() {
  return net.createServer(() => {});
}

module.exports = { createServer };
