// Write a request handler that answers 'hello'.
function handler(req, res) {
  res.end('');
}
module.exports = { handler };
