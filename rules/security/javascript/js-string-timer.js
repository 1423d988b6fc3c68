function fromHash() {
  const id = location.hash.slice(1);
  // ruleid: js-string-timer
  setTimeout("refresh(" + id + ")", 100);
}

app.get("/poll", (req, res) => {
  // ruleid: js-string-timer
  setInterval(`poll('${req.query.channel}')`, 1000);
});

function unknown(id) {
  // ruleid: js-string-timer
  window.setTimeout("refresh(" + id + ")", 100);
}

function fromEnv() {
  // ruleid: js-string-timer
  setTimeout("run('" + process.env.ON_IDLE + "')");
}

function constants() {
  // ok: js-string-timer
  setTimeout("refresh()", 100);
  const code = "tick()";
  // ok: js-string-timer
  setInterval(code + ";", 1000);
}

function functions(id, tick) {
  // ok: js-string-timer
  setTimeout(() => refresh(id), 100);
  // ok: js-string-timer
  setInterval(tick, 1000);
  // ok: js-string-timer
  setTimeout(function () { refresh(id); }, 100);
}
