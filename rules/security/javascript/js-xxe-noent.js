const libxmljs = require("libxmljs");

app.post("/import", (req, res) => {
  // ruleid: js-xxe-noent
  const doc = libxmljs.parseXml(req.body, { noent: true, noblanks: true });
  res.send(doc.root().name());
});

const entityOptions = { noblanks: true, noent: true };

function load(xml) {
  // ruleid: js-xxe-noent
  return libxmljs.parseXmlString(xml, entityOptions);
}

const plainOptions = { noblanks: true };

function safe(xml) {
  // ok: js-xxe-noent
  const a = libxmljs.parseXml(xml);
  // ok: js-xxe-noent
  const b = libxmljs.parseXmlString(xml, plainOptions);
  // ok: js-xxe-noent
  const c = libxmljs.parseXml(xml, { noent: false });
  return [a, b, c];
}

function inVm(data) {
  const box = vm.createContext({ libxmljs, data });
  // ruleid: js-xxe-noent
  const doc = vm.runInContext("libxmljs.parseXml(data, { noent: true })", box);
  // ok: js-xxe-noent
  const plain = vm.runInContext("libxmljs.parseXml(data, { noblanks: true })", box);
  return [doc, plain];
}
