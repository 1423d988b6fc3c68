const expat = require("node-expat");

app.post("/import", (req, res) => {
  const parser = new expat.Parser("UTF-8");
  parser.on("startElement", (name) => res.write(name));
  const doc = req.body.xml;
  // ruleid: js-expat-parse
  parser.write(doc);
  res.end();
});

function fromCli() {
  const parser = new expat.Parser("UTF-8");
  const file = fs.readFileSync(process.argv[2], "utf8");
  // ruleid: js-expat-parse
  return parser.parse(file);
}

function load(xmlText) {
  const parser = new expat.Parser("UTF-8");
  // ok: js-expat-parse
  return parser.parse(xmlText);
}

function fixedDocument() {
  const parser = new expat.Parser("UTF-8");
  const doc = "<config><debug>false</debug></config>";
  // ok: js-expat-parse
  return parser.parse(doc);
}

function notExpat(text) {
  const parser = new Parser();
  // ok: js-expat-parse
  return JSON.parse(text) && parser.feed(text);
}
