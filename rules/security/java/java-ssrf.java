import java.net.URL;
import javax.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.client.RestTemplate;

public class Fetcher {
    private final RestTemplate restTemplate = new RestTemplate();

    public String proxy(HttpServletRequest request) throws Exception {
        String target = request.getParameter("url");
        // ruleid: java-ssrf
        URL url = new URL(target);
        return new String(url.openStream().readAllBytes());
    }

    public String preview(@RequestParam String host) {
        // ruleid: java-ssrf
        return restTemplate.getForObject("https://" + host + "/preview", String.class);
    }

    public String status(@RequestParam String name) throws Exception {
        // ok: java-ssrf
        URL url = new URL("https://status.example.com/api");
        // ok: java-ssrf
        return restTemplate.getForObject("https://api.example.com/users?name={n}", String.class, name);
    }

    public String download(String location) throws Exception {
        // ok: java-ssrf
        return new String(new URL(location).openStream().readAllBytes());
    }
}
