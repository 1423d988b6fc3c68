window.addEventListener("message", (event) => {
  const msg = JSON.parse(event.data);
  // ruleid: js-dynamic-global-call
  window[msg.action](msg.args);
});

function dispatch(raw) {
  const cmd = JSON.parse(raw);
  // ruleid: js-dynamic-global-call
  const fn = globalThis[cmd.name];
  return fn(cmd.payload);
}

const handlers = { open: () => {}, close: () => {} };

function safe(raw) {
  const cmd = JSON.parse(raw);
  // ok: js-dynamic-global-call
  const h = handlers[cmd.name];
  // ok: js-dynamic-global-call
  window["console"].log(cmd);
  const name = "requestAnimationFrame";
  // ok: js-dynamic-global-call
  window[name](() => h && h(cmd.payload));
  // ok: js-dynamic-global-call
  window[cmd.name] = h;
}
