import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import io.jsonwebtoken.Jwts;

public class Unsigned {
    String auth0(String user) {
        // ruleid: java-jwt-none-alg
        Algorithm algorithm = Algorithm.none();
        return JWT.create().withSubject(user).sign(algorithm);
    }

    String jjwt(String user) {
        // ruleid: java-jwt-none-alg
        return Jwts.builder()
                .setSubject(user)
                .compact();
    }

    String signed(String user, java.security.Key key) {
        // ok: java-jwt-none-alg
        return Jwts.builder()
                .setSubject(user)
                .signWith(key)
                .compact();
    }

    String hmac(String user, String secret) {
        // ok: java-jwt-none-alg
        Algorithm algorithm = Algorithm.HMAC256(secret);
        return JWT.create().withSubject(user).sign(algorithm);
    }
}
