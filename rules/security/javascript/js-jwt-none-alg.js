const jwt = require("jsonwebtoken");
const { JWK, JWT } = require("jose");

function unsigned(payload, key) {
  // ruleid: js-jwt-none-alg
  return jwt.sign(payload, key, { algorithm: "none" });
}

function acceptsNone(token, key) {
  // ruleid: js-jwt-none-alg
  return jwt.verify(token, key, { algorithms: ["RS256", "none"] });
}

function joseNone(token) {
  // ruleid: js-jwt-none-alg
  return JWT.verify(token, JWK.None);
}

function signed(token, key) {
  // ok: js-jwt-none-alg
  return jwt.verify(token, key, { algorithms: ["RS256", "HS256"] });
}

function notJwt(options) {
  // ok: js-jwt-none-alg
  return compress({ algorithm: "none" });
}
