const express = require('express');

const app = express();
app.get('/health', (req, res) => res.json({ ok: true }));

if (require.main === module) {
  app.listen(Number(process.env.PORT || 3000));
}

module.exports = { app };
