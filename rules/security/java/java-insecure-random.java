import java.security.SecureRandom;
import java.util.Random;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServletResponse;

public class Tokens {
    public String resetToken() {
        // ruleid: java-insecure-random
        long n = new Random().nextLong();
        String token = Long.toHexString(n);
        return token;
    }

    public void remember(HttpServletResponse response) {
        // ruleid: java-insecure-random
        double value = java.lang.Math.random();
        String key = Double.toString(value).substring(2);
        response.addCookie(new Cookie("rememberMe", key));
    }

    public String strong() {
        byte[] b = new byte[32];
        // ok: java-insecure-random
        new SecureRandom().nextBytes(b);
        String token = java.util.Base64.getEncoder().encodeToString(b);
        return token;
    }

    public int jitter(int base) {
        // ok: java-insecure-random
        return base + new Random().nextInt(100);
    }
}
