const express = require("express");
const app = express();

app.get("/calc", (req, res) => {
  const expr = req.query.expr;
  // ruleid: js-eval
  const v = eval(expr);
  res.send(String(v));
});

app.post("/run", (req, res) => {
  const { code } = req.body;
  // ruleid: js-eval
  eval("(" + code + ")");
});

function fromArgv() {
  // ruleid: js-eval
  return eval(process.argv[2]);
}

function unknown(text) {
  // ruleid: js-eval
  return eval(text);
}

function constants() {
  // ok: js-eval
  eval("1 + 2");
  const base = "40";
  // ok: js-eval
  eval(base + " + 2");
}

function parsed(req) {
  // ok: js-eval
  return JSON.parse(req.query.expr);
}

function notEval(obj) {
  // ok: js-eval
  obj.evaluate(obj.expr);
  // eval(req.query.x) in a comment is not code
  // ok: js-eval
  const s = "eval(req.query.x)";
  return s;
}
