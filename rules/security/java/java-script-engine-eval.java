import javax.script.ScriptEngine;
import javax.script.ScriptEngineManager;
import javax.servlet.http.HttpServletRequest;

class Calc {
    Object total(HttpServletRequest request) throws Exception {
        ScriptEngine js = new ScriptEngineManager().getEngineByName("js");
        String expr = request.getParameter("expr");
        // ruleid: java-script-engine-eval
        return js.eval("total = " + expr);
    }

    Object run(ScriptEngine engine, String script) throws Exception {
        // ruleid: java-script-engine-eval
        return engine.eval(script, engine.getContext());
    }

    Object fixed(ScriptEngine engine) throws Exception {
        // ok: java-script-engine-eval
        return engine.eval("1 + 1");
    }
}
