import groovy.lang.GroovyClassLoader;
import groovy.lang.GroovyShell;

class Plugins {
    Object run(String script, java.io.File file) throws Exception {
        GroovyShell shell = new GroovyShell();
        // ruleid: java-groovy-eval
        Object r = shell.evaluate(script);
        GroovyClassLoader gcl = new GroovyClassLoader();
        // ruleid: java-groovy-eval
        Class<?> c = gcl.parseClass(file);
        // ruleid: java-groovy-eval
        Object s = shell.parse(script).run();
        return r;
    }

    Object fixed() {
        GroovyShell shell = new GroovyShell();
        // ok: java-groovy-eval
        Object r = shell.evaluate("1 + 1");
        // ok: java-groovy-eval
        Object d = java.time.LocalDate.parse(text);
        return r;
    }
}
