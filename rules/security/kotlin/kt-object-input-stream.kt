import java.io.ObjectInputStream
import java.beans.XMLDecoder

class Sessions {
    fun load(bytes: ByteArray): Any {
        // ruleid: kt-object-input-stream
        val ois = ObjectInputStream(bytes.inputStream())
        return ois.readObject()
    }

    fun decode(input: java.io.InputStream): Any {
        // ruleid: kt-object-input-stream
        return XMLDecoder(input).readObject()
    }

    fun text(): String {
        // ok: kt-object-input-stream
        val name = "ObjectInputStream(input)"
        return name
    }
}
