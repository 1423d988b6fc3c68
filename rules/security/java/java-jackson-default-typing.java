import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.ObjectMapper;

public class Mapper {
    // ruleid: java-jackson-default-typing
    @JsonTypeInfo(use = JsonTypeInfo.Id.CLASS)
    private Object payload;

    // ok: java-jackson-default-typing
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    private Shape shape;

    ObjectMapper make() {
        ObjectMapper m = new ObjectMapper();
        // ruleid: java-jackson-default-typing
        m.enableDefaultTyping();
        // ruleid: java-jackson-default-typing
        m.activateDefaultTyping(LaissezFaireSubTypeValidator.instance, ObjectMapper.DefaultTyping.NON_FINAL);
        // ok: java-jackson-default-typing
        m.activateDefaultTyping(validator, ObjectMapper.DefaultTyping.NON_FINAL);
        // ok: java-jackson-default-typing
        m.disableDefaultTyping();
        return m;
    }
}
