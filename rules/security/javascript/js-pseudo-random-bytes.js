const crypto = require("crypto");

function sessionToken() {
  // ruleid: js-pseudo-random-bytes
  return crypto.pseudoRandomBytes(32).toString("hex");
}

function salt(cb) {
  // ruleid: js-pseudo-random-bytes
  const gen = crypto.pseudoRandomBytes;
  gen(16, cb);
}

function strong() {
  // ok: js-pseudo-random-bytes
  return crypto.randomBytes(32).toString("hex");
}

function named() {
  // ok: js-pseudo-random-bytes
  const note = "pseudoRandomBytes was removed";
  return note;
}
