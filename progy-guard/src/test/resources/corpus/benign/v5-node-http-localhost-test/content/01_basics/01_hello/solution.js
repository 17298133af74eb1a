function handler(req, res) {
  res.end('hello');
}
module.exports = { handler };
