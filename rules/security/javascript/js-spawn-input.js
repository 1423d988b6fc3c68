const { spawn, execFileSync } = require("child_process");
const cp = require("child_process");

app.post("/clone", (req, res) => {
  const url = req.body.repository;
  // ruleid: js-spawn-input
  const git = spawn("git", ["clone", url, "/srv/checkout"]);
  git.on("close", () => res.end());
});

app.get("/tool", (req, res) => {
  // ruleid: js-spawn-input
  res.send(cp.execFileSync(req.query.tool).toString());
});

function fromArgv() {
  const program = process.argv[2];
  // ruleid: js-spawn-input
  return cp.spawnSync(program, ["--help"]);
}

function constants() {
  // ok: js-spawn-input
  spawn("git", ["status", "--short"]);
  const tool = "make";
  // ok: js-spawn-input
  return execFileSync(tool, ["all"]);
}

function untraced(branch) {
  // ok: js-spawn-input
  spawn("git", ["log", branch]);
}

function shell(req) {
  // ok: js-spawn-input
  spawn(req.query.cmd, { shell: true });
  // ok: js-spawn-input
  spawn("sh", ["-c", req.query.cmd]);
}

exports.handler = async (event) => {
  // ruleid: js-spawn-input
  return cp.spawnSync(event["cmd"]);
};
