const crypto = require("crypto");

function etag(body) {
  // ruleid: js-weak-hash
  return crypto.createHash("md5").update(body).digest("hex");
}

function legacySignature(secret, data) {
  // ruleid: js-weak-hash
  return crypto.createHmac('sha1', secret).update(data).digest("base64");
}

function strong(body, algorithm) {
  // ok: js-weak-hash
  const a = crypto.createHash("sha256").update(body).digest("hex");
  // ok: js-weak-hash
  const b = crypto.createHash(algorithm);
  // ok: js-weak-hash
  const c = "createHash('md5')";
  return [a, b, c];
}
