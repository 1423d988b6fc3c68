const vm = require("vm");

app.post("/eval", (req, res) => {
  const userCode = req.body.code;
  // ruleid: js-vm
  const out = vm.runInNewContext(userCode, { x: 1 });
  res.json(out);
});

function fromArgv() {
  // ruleid: js-vm
  return new vm.Script("(" + process.argv[2] + ")");
}

function unknown(src, ctx) {
  // ruleid: js-vm
  return vm.runInContext(src, ctx);
}

function constants() {
  // ok: js-vm
  vm.runInThisContext("globalThis.ready = true");
  const body = "return 1";
  // ok: js-vm
  return vm.compileFunction(body + ";");
}

function notVm(vmList) {
  // ok: js-vm
  vm.createContext({});
  // ok: js-vm
  return vmList.runInNewContext;
}
