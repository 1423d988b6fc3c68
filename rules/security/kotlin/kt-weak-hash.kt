import java.security.MessageDigest
import org.apache.commons.codec.digest.DigestUtils
import com.google.common.hash.Hashing

class Digests {
    fun md5(password: String): ByteArray {
        // ruleid: kt-weak-hash
        val md = MessageDigest.getInstance("MD5")
        md.update(password.toByteArray())
        return md.digest()
    }

    fun sha1(data: ByteArray): ByteArray {
        // ruleid: kt-weak-hash
        return java.security.MessageDigest.getInstance("SHA-1").digest(data)
    }

    fun codec(password: String): String {
        // ruleid: kt-weak-hash
        return DigestUtils.md5Hex(password)
    }

    fun codecDigest(password: String): ByteArray {
        // ruleid: kt-weak-hash
        return DigestUtils.getSha1Digest().digest(password.toByteArray())
    }

    fun guava(s: String): String {
        // ruleid: kt-weak-hash
        return Hashing.md5().hashString(s, Charsets.UTF_8).toString()
    }

    fun strong(password: String): ByteArray {
        // ok: kt-weak-hash
        val md = MessageDigest.getInstance("SHA-256")
        // ok: kt-weak-hash
        val sha = DigestUtils.sha256Hex(password)
        // ok: kt-weak-hash
        val comment = "MessageDigest.getInstance(\"MD5\")"
        return md.digest(password.toByteArray())
    }
}
