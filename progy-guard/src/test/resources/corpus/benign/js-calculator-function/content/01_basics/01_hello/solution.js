function calc(expr) {
  if (!/^[0-9+\-*/() .]+$/.test(expr)) throw new Error('not arithmetic: ' + expr);
  return new Function(`return (${expr});`)();
}

module.exports = { calc };
