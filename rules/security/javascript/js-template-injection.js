const express = require('express');
const ejs = require('ejs');
const pug = require('pug');
const Handlebars = require('handlebars');
const app = express();

app.post('/preview', (req, res) => {
  // ruleid: js-template-injection
  res.send(ejs.render(req.body.template, {}));
});

app.get('/card', (req, res) => {
  const source = `<h1>${req.query.title}</h1>`;
  // ruleid: js-template-injection
  const tpl = Handlebars.compile(source);
  res.send(tpl({}));
});

app.get('/hello', (req, res) => {
  // ok: js-template-injection
  res.send(pug.render('p Hello #{name}', { name: req.query.name }));
});
