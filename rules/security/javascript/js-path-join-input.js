const path = require("path");

app.post("/unpack", (req, res) => {
  const entry = req.body.entry;
  // ruleid: js-path-join-input
  const dest = path.join(UPLOADS, entry);
  unpackTo(dest);
  res.end();
});

app.get("/theme/:name", function (req, res) {
  // ruleid: js-path-join-input
  loadTheme(path.resolve(THEMES, req.params.name, "theme.css"));
  res.end();
});

app.post("/batch", (req, res) => {
  const names = req.body.names;
  for (let i = 0; i < names.length; i++) {
    // ruleid: js-path-join-input
    removeLater(path.join(TRASH, names[i]));
  }
});

app.post("/checked", (req, res) => {
  // ok: js-path-join-input
  const full = path.resolve(UPLOADS, req.body.entry);
  if (!full.startsWith(UPLOADS + path.sep)) return res.sendStatus(400);
  unpackTo(full);
});

app.post("/cleaned", (req, res) => {
  const name = req.body.entry.replace(/\.\.[\/\\]/g, "");
  // ok: js-path-join-input
  unpackTo(path.join(UPLOADS, name));
  // ok: js-path-join-input
  unpackTo(path.join(UPLOADS, path.basename(req.body.entry)));
});

function fromConfig(dir, file) {
  // ok: js-path-join-input
  return path.join(dir, file);
}
