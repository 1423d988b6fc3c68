import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.SignatureAlgorithm;

public class Tokens {
    static final String SECRET = "change-me";

    String issue(String user) {
        // ruleid: java-jwt-hardcoded-secret
        Algorithm algorithm = Algorithm.HMAC256("secret");
        return JWT.create().withSubject(user).sign(algorithm);
    }

    String legacy(String user) {
        // ruleid: java-jwt-hardcoded-secret
        return Jwts.builder().setSubject(user)
                .signWith(SignatureAlgorithm.HS256, SECRET)
                .compact();
    }

    String fromEnv(String user) {
        String key = System.getenv("JWT_SECRET");
        // ok: java-jwt-hardcoded-secret
        Algorithm algorithm = Algorithm.HMAC256(key);
        return JWT.create().withSubject(user).sign(algorithm);
    }
}
