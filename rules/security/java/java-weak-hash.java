import java.security.MessageDigest;
import org.apache.commons.codec.digest.DigestUtils;
import org.apache.commons.codec.digest.MessageDigestAlgorithms;

public class Hashes {
    byte[] fingerprints(byte[] data) throws Exception {
        // ruleid: java-weak-hash
        MessageDigest md = MessageDigest.getInstance("MD5");
        // ruleid: java-weak-hash
        byte[] a = java.security.MessageDigest.getInstance("SHA-1", "SUN").digest(data);
        // ruleid: java-weak-hash
        MessageDigest sha = MessageDigest.getInstance(MessageDigestAlgorithms.SHA_1);
        // ruleid: java-weak-hash
        String hex = DigestUtils.md5Hex(data);
        // ruleid: java-weak-hash
        byte[] b = DigestUtils.getSha1Digest().digest(data);
        // ruleid: java-weak-hash
        long g = Hashing.md5().hashBytes(data).asLong();
        return md.digest(data);
    }

    byte[] strong(byte[] data, String configured) throws Exception {
        // ok: java-weak-hash
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        // ok: java-weak-hash
        String hex = DigestUtils.sha256Hex(data);
        // ok: java-weak-hash
        Signature s = Signature.getInstance("SHA256withRSA");
        // ok: java-weak-hash
        String label = "MessageDigest.getInstance(\"MD5\")";
        // ok: java-weak-hash
        long g = Hashing.sha256().hashBytes(data).asLong();
        return md.digest(data);
    }
}
