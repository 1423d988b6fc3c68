class Commands {
    fun concat(input: String) {
        val r: Runtime = Runtime.getRuntime()
        // ruleid: kt-command
        r.exec("/bin/sh -c some_tool " + input)
    }

    fun template(host: String) {
        // ruleid: kt-command
        Runtime.getRuntime().exec("ping -c 1 $host")
    }

    fun library(input: String) {
        val r = Runtime.getRuntime()
        // ruleid: kt-command
        r.loadLibrary(String.format("%s.dll", input))
    }

    fun shell(cmd: String) {
        // ruleid: kt-command
        ProcessBuilder("sh", "-c", "tar xf ${cmd}").start()
    }

    fun program(tool: String) {
        // ruleid: kt-command
        val p = ProcessBuilder(tool, "--version")
    }

    fun constants() {
        val r: Runtime = Runtime.getRuntime()
        // ok: kt-command
        r.exec("echo 'blah'")
        val cmd = "ls -l"
        // ok: kt-command
        Runtime.getRuntime().exec(cmd)
        // ok: kt-command
        Runtime.getRuntime().exec("$cmd -a")
        // ok: kt-command
        ProcessBuilder("git", "status").start()
        // ok: kt-command
        ProcessBuilder("sh", "-c", "make all").start()
        val other = Executor()
        // ok: kt-command
        other.exec(cmd + System.nanoTime())
    }

    fun reassigned(input: String) {
        var cmd = "ls "
        cmd += input
        // ruleid: kt-command
        Runtime.getRuntime().exec(cmd)
    }

    fun appended(input: String) {
        var cmd = input
        cmd += " --verbose"
        // ruleid: kt-command
        Runtime.getRuntime().exec(cmd)
        var fixed = "ls"
        fixed += " -l"
        // ok: kt-command
        Runtime.getRuntime().exec(fixed)
    }
}
