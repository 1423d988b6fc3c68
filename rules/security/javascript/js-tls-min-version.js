const tls = require("tls");

const legacy = {
  // ruleid: js-tls-min-version
  minVersion: "TLSv1",
  // ruleid: js-tls-min-version
  secureProtocol: "TLSv1_1_method",
};

// ruleid: js-tls-min-version
tls.DEFAULT_MIN_VERSION = "TLSv1.1";

const modern = {
  // ok: js-tls-min-version
  minVersion: "TLSv1.2",
  // ok: js-tls-min-version
  secureProtocol: "TLS_method",
};

// ok: js-tls-min-version
const label = "minVersion: 'TLSv1'";
