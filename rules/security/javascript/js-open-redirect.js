const express = require('express');
const app = express();

app.get('/login', (req, res) => {
  // ruleid: js-open-redirect
  res.redirect(req.query.next);
});

app.get('/out', (req, res) => {
  const to = req.query.to;
  // ruleid: js-open-redirect
  res.writeHead(302, { Location: to });
  res.end();
});

app.get('/go', (req, res) => {
  // ruleid: js-open-redirect
  res.setHeader('Location', req.params.target);
  res.statusCode = 302;
  res.end();
});

app.get('/home', (req, res) => {
  // ok: js-open-redirect
  res.redirect('/dashboard');
  // ok: js-open-redirect
  res.redirect(301, '/new-home');
  // A local path with the input after it stays on the site.
  // ok: js-open-redirect
  res.redirect('/search?q=' + req.query.q);
  // `//host` is another site.
  // ruleid: js-open-redirect
  res.redirect('//' + req.query.host);
});
