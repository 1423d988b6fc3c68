import java.beans.XMLDecoder;
import java.io.InputStream;
import java.io.ObjectInputStream;
import com.thoughtworks.xstream.XStream;
import javax.servlet.http.HttpServletRequest;

public class Sessions {
    Object restore(HttpServletRequest request) throws Exception {
        // ruleid: java-object-input-stream
        ObjectInputStream in = new ObjectInputStream(request.getInputStream());
        return in.readObject();
    }

    Object inline(InputStream body) throws Exception {
        // ruleid: java-object-input-stream
        return new ObjectInputStream(body).readObject();
    }

    Object beans(InputStream upload) {
        // ruleid: java-object-input-stream
        XMLDecoder d = new XMLDecoder(upload);
        return d.readObject();
    }

    Object xstream(String xml) {
        XStream xs = new XStream();
        // ruleid: java-object-input-stream
        return xs.fromXML(xml);
    }

    void onMessage(Message message) throws Exception {
        ObjectMessage om = (ObjectMessage) message;
        // ruleid: java-object-input-stream
        Order order = (Order) om.getObject();
        TextMessage tm = (TextMessage) message;
        // ok: java-object-input-stream
        String text = tm.getText();
        // ok: java-object-input-stream
        Object value = holder.getObject();
    }

    Object json(InputStream body) throws Exception {
        // ok: java-object-input-stream
        return mapper.readValue(body, Settings.class);
    }

    void text() {
        // ok: java-object-input-stream
        String s = "new ObjectInputStream(in)";
    }
}
