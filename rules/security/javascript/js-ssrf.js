const express = require('express');
const axios = require('axios');
const https = require('https');
const app = express();

app.get('/proxy', async (req, res) => {
  // ruleid: js-ssrf
  const r = await fetch(req.query.url);
  res.send(await r.text());
});

app.post('/webhook', async (req, res) => {
  const target = `https://${req.body.host}/hook`;
  // ruleid: js-ssrf
  await axios.post(target, { ok: true });
  // ruleid: js-ssrf
  https.get(req.body.callback, (r) => r.resume());
  res.end();
});

app.get('/shot', async (req, res) => {
  const page = await browser.newPage();
  // ruleid: js-ssrf
  await page.goto(req.query.site);
  res.send(await page.screenshot());
});

app.get('/status', async (req, res) => {
  // ok: js-ssrf
  const r = await fetch('https://status.example.com/api');
  // ok: js-ssrf
  await axios.get('https://api.example.com/users', { params: { q: req.query.q } });
  // The host is fixed (a literal or the configured base URL); the input is only the path.
  // ok: js-ssrf
  await fetch(`https://api.example.com/users/${req.query.id}`);
  // ok: js-ssrf
  await axios.get(config.apiBase + req.query.path);
  // The scheme alone fixes nothing: the input is the host.
  // ruleid: js-ssrf
  await fetch('https://' + req.query.host + '/status');
  res.send(await r.text());
});

async function download(url) {
  // ok: js-ssrf
  return fetch(url);
}
