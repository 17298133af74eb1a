const http = require('node:http');

// Returns an http.Server that answers GET /health with {"ok":true}.
function createServer() {
  // TODO
  return http.createServer((req, res) => res.end());
}
module.exports = { createServer };
