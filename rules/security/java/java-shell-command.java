import java.io.IOException;
import java.util.Arrays;
import javax.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.RequestParam;

public class Shell {
    public void servlet(HttpServletRequest request) throws IOException {
        String dir = request.getParameter("dir");
        // ruleid: java-shell-command
        new ProcessBuilder("sh", "-c", "ls " + dir).start();
    }

    public void spring(@RequestParam String host) throws IOException {
        // ruleid: java-shell-command
        Runtime.getRuntime().exec(new String[] {"/bin/bash", "-c", "ping " + host});
    }

    public void windows() throws IOException {
        String hook = System.getenv("HOOK");
        // ruleid: java-shell-command
        new ProcessBuilder("cmd.exe", "/c", hook).start();
    }

    public void arrays(HttpServletRequest request) throws IOException {
        String host = request.getParameter("host");
        // ruleid: java-shell-command
        new ProcessBuilder(new String[] {"sh", "-c", "ping -c 2 " + host}).start();
        // ruleid: java-shell-command
        new ProcessBuilder(Arrays.asList("cmd", "/c", "ping -n 2 " + host)).start();
        // ok: java-shell-command
        new ProcessBuilder(new String[] {"sh", "-c", "uptime"}).start();
    }

    public void unknown(String line) throws IOException {
        // ruleid: java-shell-command
        new ProcessBuilder("sh", "-c", line).start();
    }

    public void constants() throws IOException {
        // ok: java-shell-command
        new ProcessBuilder("sh", "-c", "ls -l | wc -l").start();
        String base = "make";
        // ok: java-shell-command
        new ProcessBuilder("bash", "-c", base + " all").start();
    }

    public void direct(String dir) throws IOException {
        // ok: java-shell-command
        new ProcessBuilder("ls", dir).start();
    }
}
