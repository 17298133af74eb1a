const express = require('express');

const app = express();
// TODO: answer GET /health with { ok: true }

module.exports = { app };
