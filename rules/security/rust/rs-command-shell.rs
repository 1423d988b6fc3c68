use std::process::Command;

fn run(script: &str, name: &str) -> std::io::Result<()> {
    // ruleid: rs-command-shell
    Command::new("sh").arg("-c").arg(format!("tar xf {name}")).status()?;
    // ruleid: rs-command-shell
    Command::new("sh").arg("-c").arg(script).status()?;
    // ruleid: rs-command-shell
    std::process::Command::new("/bin/bash")
        .arg("-c")
        .arg(&script)
        .output()?;
    // ruleid: rs-command-shell
    tokio::process::Command::new("bash").args(["-c", script]);
    // ruleid: rs-command-shell
    Command::new("zsh").args(&["-c", &script, "--"]).spawn()?;
    // ruleid: rs-command-shell
    Command::new("sh").env("LANG", "C").arg("-c").arg(script).status()?;
    let mut c = Command::new("sh");
    // ruleid: rs-command-shell
    c.arg("-c").arg(script);
    // ok: rs-command-shell
    Command::new("tar").arg("xf").arg(name).status()?;
    // ok: rs-command-shell
    Command::new("sh").arg("-c").arg("ls -l | wc -l").status()?;
    // ok: rs-command-shell
    Command::new("sh").args(["-c", "make clean"]).status()?;
    // ok: rs-command-shell
    Command::new("python3").arg("-c").arg(script).status()?;
    let mut t = Command::new("tar");
    // ok: rs-command-shell
    t.arg("-c").arg(name);
    // ok: rs-command-shell
    // Command::new("sh").arg("-c").arg(script)
    // ok: rs-command-shell
    let doc = "Command::new(\"sh\").arg(\"-c\").arg(script)";
    Ok(())
}
