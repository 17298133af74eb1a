// Hello: see README.md.
function greet(name) {
  // TODO: return "Hello, <name>!"
  return '';
}

module.exports = { greet };
