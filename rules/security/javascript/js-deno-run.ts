export async function open(file: string) {
  const p = Deno.run({
    // ruleid: js-deno-run
    cmd: ["bash", "-c", `xdg-open ${file}`],
  });
  await p.status();
}

export async function tool(name: string) {
  const p = Deno.run({
    // ruleid: js-deno-run
    cmd: [name, "--version"],
    stdout: "piped",
  });
  return await p.output();
}

export async function viaCommand() {
  const line = Deno.args[0];
  // ruleid: js-deno-run
  const cmd = new Deno.Command("sh", { args: ["-c", line] });
  return await cmd.output();
}

export async function fixed(file: string) {
  const p = Deno.run({
    // ok: js-deno-run
    cmd: ["xdg-open", file],
  });
  // ok: js-deno-run
  const c = new Deno.Command("git", { args: ["status", file] });
  // ok: js-deno-run
  const s = new Deno.Command("sh", { args: ["-c", "make build"] });
  return [await p.status(), await c.output(), await s.output()];
}
