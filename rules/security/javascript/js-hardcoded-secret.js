const jwt = require("jsonwebtoken");
const crypto = require("crypto");
const session = require("express-session");
const { JWK, JWT } = require("jose");

const SIGNING_KEY = "s3cr3t-signing-key";

function issue(user) {
  // ruleid: js-hardcoded-secret
  return jwt.sign({ sub: user.id }, "change-me", { expiresIn: "1h" });
}

function check(token) {
  // ruleid: js-hardcoded-secret
  return jwt.verify(token, SIGNING_KEY);
}

function joseKey(token) {
  // ruleid: js-hardcoded-secret
  return JWT.verify(token, JWK.asKey("raw-key-bytes"));
}

function joseKeyByName(token) {
  // ruleid: js-hardcoded-secret
  const key = JWK.asKey("raw-key-bytes");
  // a key made from a literal, used two lines below, is the same hard-coded key
  // ruleid: js-hardcoded-secret
  return JWT.verify(token, key);
}

function joseKeyFromConfig(token) {
  const key = JWK.asKey(process.env.JWT_KEY);
  // ok: js-hardcoded-secret
  return JWT.verify(token, key);
}

function mac(body) {
  // ruleid: js-hardcoded-secret
  return crypto.createHmac("sha256", "pepper").update(body).digest("hex");
}

app.use(session({
  // ruleid: js-hardcoded-secret
  secret: "keyboard cat",
  resave: false,
}));

function fromConfig(token, config) {
  // ok: js-hardcoded-secret
  jwt.verify(token, config.jwtSecret);
  const key = process.env.JWT_SECRET;
  // ok: js-hardcoded-secret
  return jwt.sign({ sub: 1 }, key);
}

app.use(session({
  // ok: js-hardcoded-secret
  secret: process.env.SESSION_SECRET,
}));

function macFromEnv(body) {
  // ok: js-hardcoded-secret
  return crypto.createHmac("sha256", process.env.MAC_KEY).update(body).digest("hex");
}
