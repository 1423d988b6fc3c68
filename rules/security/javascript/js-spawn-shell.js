const { spawn, spawnSync, execFile } = require("child_process");

app.get("/grep", (req, res) => {
  const pattern = req.query.q;
  // ruleid: js-spawn-shell
  const p = spawn("grep", [pattern, "log.txt"], { shell: true });
  p.stdout.pipe(res);
});

function fromEnv() {
  // ruleid: js-spawn-shell
  return spawnSync(process.env.BUILD_CMD, { shell: true });
}

function unknown(cmd) {
  // ruleid: js-spawn-shell
  require("child_process").spawn(cmd, { shell: true });
}

function shellProgram(req) {
  // ruleid: js-spawn-shell
  spawn("/bin/sh", ["-c", "tar xf " + req.body.archive]);
}

function namedShell(script) {
  const shell = "bash";
  // ruleid: js-spawn-shell
  return spawnSync(shell, ["-c", script]);
}

function constants() {
  // ok: js-spawn-shell
  spawn("ls -l | wc -l", { shell: true });
  const tool = "make";
  // ok: js-spawn-shell
  execFile(tool, ["all"], { shell: true }, () => {});
  // ok: js-spawn-shell
  spawnSync("bash", ["-c", "make clean"]);
  const program = "git";
  // ok: js-spawn-shell
  spawnSync(program, ["-C", "/srv/repo", "pull"]);
}

function noShell(req, branch) {
  // ok: js-spawn-shell
  spawn("git", ["log", branch]);
  // ok: js-spawn-shell
  spawn(req.query.cmd, [], { shell: false });
}
