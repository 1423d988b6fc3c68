// ruleid: js-insecure-random
const token = Math.random().toString(36).slice(2);

function issue(user) {
  // ruleid: js-insecure-random
  user.resetToken = Math.floor(Math.random() * 1e9);
  // ruleid: js-insecure-random
  return { csrf: Math.random().toString(16), name: user.name };
}

function makeSessionId() {
  // ruleid: js-insecure-random
  return String(Math.random()).slice(2);
}

class Keys {
  // ruleid: js-insecure-random
  apiKey = Math.random().toString(36);
}

// ok: js-insecure-random
const jitter = Math.random() * 100;

function sessionHandler(req, res) {
  setTimeout(() => {
    // ok: js-insecure-random
    res.end(String(Math.random()));
  }, 10);
  // ok: js-insecure-random
  const delay = Math.random() * 50;
  return delay;
}

// ok: js-insecure-random
const comment = "Math.random() for the token"; // Math.random() token

// ok: js-insecure-random
const tokenValue = crypto.randomBytes(32).toString("hex");

const newNonce = () => {
  // ruleid: js-insecure-random
  return Math.random().toString(36);
};
