import java.io.File;
import java.io.FileInputStream;
import java.nio.file.Files;
import java.nio.file.Paths;
import javax.servlet.http.HttpServletRequest;
import org.apache.commons.io.FilenameUtils;
import org.springframework.web.bind.annotation.RequestParam;

public class Files1 {
    static final String DIR = "/srv/files/";

    public void byHeader(HttpServletRequest request) throws Exception {
        String param = "";
        if (request.getHeader("name") != null) {
            param = request.getHeader("name");
        }
        String fileName = DIR + param;
        // ruleid: java-path-traversal
        FileInputStream fis = new java.io.FileInputStream(new java.io.File(fileName));
        fis.close();
    }

    public byte[] spring(@RequestParam("name") String name) throws Exception {
        // ruleid: java-path-traversal
        return Files.readAllBytes(Paths.get(DIR, name));
    }

    public void twoArgs(HttpServletRequest request) throws Exception {
        // ruleid: java-path-traversal
        File f = new File(new File(DIR), request.getParameter("f"));
        f.delete();
    }

    public void sanitized(HttpServletRequest request) throws Exception {
        String name = FilenameUtils.getName(request.getParameter("f"));
        // ok: java-path-traversal
        new File(DIR, name).delete();
    }

    public void constant() throws Exception {
        // ok: java-path-traversal
        new FileInputStream(DIR + "index.html").close();
    }

    public void untraced(String name) throws Exception {
        // ok: java-path-traversal
        new File(DIR, name).delete();
    }
}
