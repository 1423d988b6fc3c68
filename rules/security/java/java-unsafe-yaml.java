import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.Constructor;
import org.yaml.snakeyaml.constructor.SafeConstructor;

public class Config {
    Object parse(String text) {
        // ruleid: java-unsafe-yaml
        Yaml yaml = new Yaml();
        return yaml.load(text);
    }

    Object full(String text) {
        // ruleid: java-unsafe-yaml
        return new Yaml(new Constructor()).loadAs(text, Object.class);
    }

    Object safe(String text) {
        // ok: java-unsafe-yaml
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        return yaml.load(text);
    }

    Settings typed(String text) {
        // ok: java-unsafe-yaml
        Yaml yaml = new Yaml(new Constructor(Settings.class, new LoaderOptions()));
        return yaml.load(text);
    }
}
