app.post("/formula", (req, res) => {
  const body = "return " + req.body.formula;
  // ruleid: js-function-constructor
  const f = new Function("a", "b", body);
  res.json(f(1, 2));
});

function fromEnv() {
  // ruleid: js-function-constructor
  return Function(process.env.HOOK)();
}

function unknown(src) {
  // ruleid: js-function-constructor
  return new Function("x", src);
}

function constants() {
  // ok: js-function-constructor
  const add = new Function("a", "b", "return a + b");
  const body = "return this";
  // ok: js-function-constructor
  const g = Function(body);
  return [add, g];
}

function dispatch(handlers, name) {
  // ok: js-function-constructor
  const f = handlers[name];
  // ok: js-function-constructor
  const empty = new Function();
  return [f, empty];
}
