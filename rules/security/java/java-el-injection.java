import javax.el.ExpressionFactory;
import javax.el.ValueExpression;

class El {
    ValueExpression build(ExpressionFactory factory, javax.el.ELContext elContext, String expression) {
        // ruleid: java-el-injection
        return factory.createValueExpression(elContext, expression, Object.class);
    }

    ValueExpression fixed(ExpressionFactory factory, javax.el.ELContext elContext) {
        // ok: java-el-injection
        return factory.createValueExpression(elContext, "#{user.name}", String.class);
    }
}
