const fs = require('node:fs');
fs.mkdirSync('build', { recursive: true });
fs.writeFileSync('build/VERSION', require('../package.json').version);
