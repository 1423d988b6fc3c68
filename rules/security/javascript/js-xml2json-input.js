const xml2json = require("xml2json");

app.post("/order", (req, res) => {
  const payload = req.body.toString();
  // ruleid: js-xml2json-input
  const order = xml2json.toJson(payload, { object: true });
  res.json(order);
});

function xmlBody(req, res, next) {
  let raw = "";
  req.on("data", (chunk) => {
    raw += chunk;
  });
  req.on("end", () => {
    // ruleid: js-xml2json-input
    req.body = xml2json.toJson(raw, { object: true });
    next();
  });
}

function fromDisk(text) {
  // ok: js-xml2json-input
  return xml2json.toJson(text);
}

app.get("/sample", (req, res) => {
  // ok: js-xml2json-input
  res.json(xml2json.toJson("<a>1</a>", { object: true }));
});
