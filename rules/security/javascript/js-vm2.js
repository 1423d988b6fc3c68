const { VM, NodeVM, VMScript } = require("vm2");

app.post("/calc", (req, res) => {
  const expr = `(${req.body.formula})`;
  // ruleid: js-vm2
  const result = new VM({ timeout: 500 }).run(expr);
  res.json({ result });
});

app.get("/plugin", function (req, res) {
  const box = new NodeVM({ console: "off" });
  // ruleid: js-vm2
  box.run("module.exports = " + req.query.plugin);
  res.end();
});

function precompiled() {
  const script = new VMScript('console.log("ready")');
  // ok: js-vm2
  return new NodeVM().run(script);
}

function compile(snippet) {
  // ruleid: js-vm2
  const script = new VMScript(`return ${snippet}`);
  const runner = new NodeVM();
  // ruleid: js-vm2
  return runner.run(script);
}

function fixed() {
  const runner = new NodeVM({ sandbox: {} });
  const greeting = "module.exports = 'hi'";
  // ok: js-vm2
  runner.run(greeting);
  // ok: js-vm2
  new VM().run(`1 + 2`);
  const precompiled = new VMScript("module.exports = 42");
  // ok: js-vm2
  runner.run(precompiled);
  const quoted = new VMScript('console.log("ready")');
  // ok: js-vm2
  return runner.run(quoted);
}

function otherRun(task, job) {
  // ok: js-vm2
  return task.run(job);
}
