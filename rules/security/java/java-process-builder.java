import java.io.IOException;
import java.util.Arrays;
import javax.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.RequestParam;

public class Tools {
    public void convert(HttpServletRequest request) throws IOException {
        String file = request.getParameter("file");
        // ruleid: java-process-builder
        new ProcessBuilder("convert", file, "out.png").start();
    }

    public void tool(@RequestParam("tool") String tool) throws IOException {
        String[] argv = {tool, "--version"};
        // ruleid: java-process-builder
        ProcessBuilder pb = new ProcessBuilder(argv);
        pb.start();
    }

    public void fromEnv() throws IOException {
        ProcessBuilder pb = new ProcessBuilder();
        // ruleid: java-process-builder
        pb.command(System.getenv("EDITOR"), "notes.txt");
        pb.start();
    }

    public static void main(String[] args) throws IOException {
        // ruleid: java-process-builder
        new ProcessBuilder(Arrays.asList("git", "clone", args[0])).start();
    }

    public void constants() throws IOException {
        // ok: java-process-builder
        new ProcessBuilder("git", "status").start();
        String tool = "make";
        // ok: java-process-builder
        new ProcessBuilder(tool, "all").start();
    }

    public void untraced(String name) throws IOException {
        // ok: java-process-builder
        new ProcessBuilder("ls", name).start();
    }
}
