const crypto = require("crypto");

function legacy(password, data) {
  // ruleid: js-weak-cipher
  const c = crypto.createCipher("aes-256-cbc", password);
  return Buffer.concat([c.update(data), c.final()]);
}

function weak(key, iv, data) {
  // ruleid: js-weak-cipher
  const a = crypto.createCipheriv("des-ede3-cbc", key, iv);
  // ruleid: js-weak-cipher
  const b = crypto.createDecipheriv('aes-128-ecb', key, null);
  // ruleid: js-weak-cipher
  const c = crypto.createCipheriv("rc4", key, "");
  return [a, b, c];
}

function strong(key, iv, algorithm) {
  // ok: js-weak-cipher
  const a = crypto.createCipheriv("aes-256-gcm", key, iv);
  // ok: js-weak-cipher
  const b = crypto.createCipheriv(algorithm, key, iv);
  // ok: js-weak-cipher
  const c = crypto.createDecipheriv("chacha20-poly1305", key, iv, { authTagLength: 16 });
  return [a, b, c];
}
