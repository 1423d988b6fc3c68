const shell = require("shelljs");

app.post("/archive", (req, res) => {
  const target = req.body.dir;
  // ruleid: js-shelljs-exec
  shell.exec("tar czf /tmp/out.tgz " + target, { silent: true });
  res.end();
});

function listing(folder) {
  // ruleid: js-shelljs-exec
  return shell.exec(`ls -la ${folder}`).stdout;
}

function fixed() {
  const cmd = "git status --porcelain";
  // ok: js-shelljs-exec
  shell.exec(cmd, { silent: true });
  // ok: js-shelljs-exec
  return shell.exec("npm test");
}

function otherExec(db, statement) {
  // ok: js-shelljs-exec
  return db.exec(statement);
}
