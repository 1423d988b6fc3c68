const Sandbox = require("sandbox");

app.get("/run", (req, res) => {
  const box = new Sandbox();
  const program = "print(" + req.query.expr + ")";
  // ruleid: js-sandbox-run
  box.run(program, (out) => res.send(out.result));
});

function evaluate(formula, done) {
  const box = new Sandbox();
  // ruleid: js-sandbox-run
  box.run(`calc(${formula})`, done);
}

function fixedProgram(done) {
  const box = new Sandbox();
  const program = "print('ready')";
  // ok: js-sandbox-run
  box.run(program, done);
  // ok: js-sandbox-run
  new Sandbox().run("1 + 1", done);
}

function unrelated(worker, job) {
  // ok: js-sandbox-run
  worker.run(job);
}
