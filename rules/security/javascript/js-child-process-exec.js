const { exec, execSync, execFile } = require("child_process");
const cp = require("child_process");

app.get("/log", (req, res) => {
  const branch = req.query.branch;
  // ruleid: js-child-process-exec
  exec(`git log ${branch}`, (err, out) => res.send(out));
});

app.post("/ping", (req, res) => {
  const cmd = "ping -c 1 " + req.body.host;
  // ruleid: js-child-process-exec
  cp.exec(cmd, () => res.end());
});

function fromArgv() {
  // ruleid: js-child-process-exec
  return execSync("ls " + process.argv[2]).toString();
}

function unknown(file) {
  // ruleid: js-child-process-exec
  return require("child_process").execSync(file);
}

function constants() {
  // ok: js-child-process-exec
  execSync("git status --short");
  const base = "make";
  // ok: js-child-process-exec
  exec(base + " all", () => {});
}

function argumentArrays(req, pattern, text) {
  // ok: js-child-process-exec
  execFile("git", ["log", req.query.branch], () => {});
  // ok: js-child-process-exec
  const m = pattern.exec(text);
  return m;
}
