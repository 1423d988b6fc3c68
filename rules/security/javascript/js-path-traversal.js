const fs = require("fs");
const path = require("path");
const express = require("express");
const app = express();

app.get("/file/:name", (req, res) => {
  const file = req.params.name;
  // ruleid: js-path-traversal
  res.sendFile(path.join(__dirname, "public", file));
});

app.get("/read", (req, res) => {
  // ruleid: js-path-traversal
  fs.readFile("/srv/data/" + req.query.f, "utf8", (err, data) => res.send(data));
});

app.post("/rm", async (req, res) => {
  const target = `/tmp/uploads/${req.body.name}`;
  // ruleid: js-path-traversal
  await fs.promises.unlink(target);
  res.end();
});

app.get("/safe", (req, res) => {
  const name = path.basename(req.query.f);
  // ok: js-path-traversal
  fs.createReadStream(path.join("/srv/data", name)).pipe(res);
});

app.get("/rooted", (req, res) => {
  // ok: js-path-traversal
  res.sendFile(req.params.name, { root: "/srv/public" });
});

function build(dir) {
  // ok: js-path-traversal
  return fs.readFileSync(path.join(dir, "package.json"), "utf8");
}

app.post("/bundle", (req, res) => {
  // each element of a request's array is request input
  req.body.files.forEach((name) => {
    // ruleid: js-path-traversal
    fs.readFileSync(path.join("/srv/data", name));
  });
  ["a.txt", "b.txt"].forEach((name) => {
    // ok: js-path-traversal
    fs.readFileSync(path.join("/srv/data", name));
  });
});
