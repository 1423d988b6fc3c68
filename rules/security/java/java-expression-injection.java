import javax.servlet.http.HttpServletRequest;
import ognl.Ognl;
import org.springframework.expression.Expression;
import org.springframework.expression.spel.standard.SpelExpressionParser;

class Sorter {
    Expression sort(HttpServletRequest request) {
        // ruleid: java-expression-injection
        return new SpelExpressionParser().parseExpression(request.getParameter("sort"));
    }

    Object ognl(String expr, Object root) throws Exception {
        // ruleid: java-expression-injection
        return Ognl.getValue(expr, root);
    }

    Expression fixed() {
        // ok: java-expression-injection
        return new SpelExpressionParser().parseExpression("name");
    }
}
