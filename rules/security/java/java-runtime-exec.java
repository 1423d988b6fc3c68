import java.io.IOException;
import javax.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.RequestParam;

public class Ping {
    public void servlet(HttpServletRequest request) throws IOException {
        String host = request.getParameter("host");
        String cmd = "ping -c 1 " + host;
        // ruleid: java-runtime-exec
        Runtime.getRuntime().exec(cmd);
    }

    public void spring(@RequestParam("dir") String dir) throws IOException {
        // ruleid: java-runtime-exec
        Runtime.getRuntime().exec("ls " + dir);
    }

    public void env() throws IOException {
        // ruleid: java-runtime-exec
        Runtime.getRuntime().exec(System.getenv("HOOK"), null);
    }

    public void unknown(String host) throws IOException {
        // ruleid: java-runtime-exec
        Runtime.getRuntime().exec(host);
    }

    public void variable(HttpServletRequest request) throws IOException {
        Runtime rt = Runtime.getRuntime();
        String name = request.getParameter("name");
        // ruleid: java-runtime-exec
        rt.exec("convert ".concat(name));
        // ruleid: java-runtime-exec
        rt.exec(new String[] {request.getHeader("X-Tool"), "--help"});
        // ok: java-runtime-exec
        rt.exec(new String[] {"/usr/bin/convert", name, "out.png"});
        String[] argv = {"/usr/bin/convert", name, "out.png"};
        // ok: java-runtime-exec
        rt.exec(argv);
    }

    public void otherExec(Matcher matcher, String cmd) {
        // ok: java-runtime-exec
        matcher.exec(cmd);
    }

    public void constants() throws IOException {
        // ok: java-runtime-exec
        Runtime.getRuntime().exec("ls -l");
        String base = "make";
        // ok: java-runtime-exec
        Runtime.getRuntime().exec(base + " all");
    }

    public void libraries(String name) {
        Runtime r = Runtime.getRuntime();
        // ruleid: java-runtime-exec
        r.loadLibrary(String.format("%s.dll", name));
        // ruleid: java-runtime-exec
        Runtime.getRuntime().load("/opt/plugins/" + name);
        // ok: java-runtime-exec
        Runtime.getRuntime().loadLibrary("zip");
        // ok: java-runtime-exec
        System.getProperties().load(stream);
    }

    public void builder(String host) throws IOException {
        // ok: java-runtime-exec
        new ProcessBuilder("ping", "-c", "1", host).start();
        // ok: java-runtime-exec
        String s = "Runtime.getRuntime().exec(host)";
    }
}
