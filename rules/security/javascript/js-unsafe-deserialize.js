const serialize = require("node-serialize");
const s2js = require("serialize-to-js");
const yaml = require("js-yaml");

app.get("/profile", (req, res) => {
  const cookie = Buffer.from(req.cookies.profile, "base64").toString();
  // ruleid: js-unsafe-deserialize
  const profile = serialize.unserialize(cookie);
  res.json(profile);
});

function restore(text) {
  // ruleid: js-unsafe-deserialize
  const state = s2js.deserialize(text);
  // ruleid: js-unsafe-deserialize
  const config = yaml.load(text, { schema: yaml.DEFAULT_FULL_SCHEMA });
  // ruleid: js-unsafe-deserialize
  const other = require("node-serialize").unserialize(text);
  return [state, config, other];
}

function safe(text, php) {
  // ok: js-unsafe-deserialize
  const data = JSON.parse(text);
  // ok: js-unsafe-deserialize
  const config = yaml.load(text);
  // ok: js-unsafe-deserialize
  const legacy = php.unserialize(text);
  // ok: js-unsafe-deserialize
  const fixed = serialize.unserialize('{"a":1}');
  return [data, config, legacy, fixed];
}
