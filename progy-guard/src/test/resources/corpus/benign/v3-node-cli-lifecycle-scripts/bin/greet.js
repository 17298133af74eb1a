#!/usr/bin/env node
const { greet } = require('../content/01_basics/01_hello/solution');
console.log(greet(process.argv[2] || 'world'));
