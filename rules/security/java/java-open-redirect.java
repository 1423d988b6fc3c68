import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.RequestParam;

public class LoginController {
    public void login(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String next = request.getParameter("next");
        // ruleid: java-open-redirect
        response.sendRedirect(next);
    }

    public String done(@RequestParam String returnTo) {
        // ruleid: java-open-redirect
        return "redirect:" + returnTo;
    }

    public String home(@RequestParam String tab) {
        // ok: java-open-redirect
        return "redirect:/home";
    }

    public void logout(HttpServletResponse response) throws Exception {
        // ok: java-open-redirect
        response.sendRedirect("/login");
    }
}
