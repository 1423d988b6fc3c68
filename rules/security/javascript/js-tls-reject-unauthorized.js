const https = require("https");
const tls = require("tls");

function fetchInsecure(host) {
  // ruleid: js-tls-reject-unauthorized
  return https.get({ host, path: "/", rejectUnauthorized: false });
}

function connect(port) {
  const options = {
    port,
    // ruleid: js-tls-reject-unauthorized
    "rejectUnauthorized": false,
  };
  return tls.connect(options);
}

// ruleid: js-tls-reject-unauthorized
process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0";
// ruleid: js-tls-reject-unauthorized
process.env["NODE_TLS_REJECT_UNAUTHORIZED"] = 0;
// ruleid: js-tls-reject-unauthorized
https.globalAgent.options.rejectUnauthorized = false;

function verified(host, ca) {
  // ok: js-tls-reject-unauthorized
  https.get({ host, ca, rejectUnauthorized: true });
  // ok: js-tls-reject-unauthorized
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = "1";
  // ok: js-tls-reject-unauthorized
  const note = "rejectUnauthorized: false";
  return note;
}
