import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.NullCipher;

public class Ciphers {
    void weak() throws Exception {
        // ruleid: java-weak-cipher
        Cipher a = Cipher.getInstance("DESede/CBC/PKCS5Padding");
        // ruleid: java-weak-cipher
        Cipher b = Cipher.getInstance("AES");
        // ruleid: java-weak-cipher
        Cipher c = javax.crypto.Cipher.getInstance("AES/ECB/PKCS5Padding", "BC");
        // ruleid: java-weak-cipher
        Cipher d = Cipher.getInstance("RC4");
        // ruleid: java-weak-cipher
        Cipher e = new NullCipher();
        // ruleid: java-weak-cipher
        SecretKey k = KeyGenerator.getInstance("DES").generateKey();
        // ruleid: java-weak-cipher
        Cipher f = Cipher.getInstance("RSA/NONE/NoPadding");
    }

    void strong(String transformation) throws Exception {
        // ok: java-weak-cipher
        Cipher a = Cipher.getInstance("AES/GCM/NoPadding");
        // ok: java-weak-cipher
        Cipher b = Cipher.getInstance("RSA/ECB/OAEPWithSHA-256AndMGF1Padding");
        // ok: java-weak-cipher
        SecretKey k = KeyGenerator.getInstance("AES").generateKey();
        // ok: java-weak-cipher
        Cipher c = Cipher.getInstance("ChaCha20-Poly1305");
        // ok: java-weak-cipher
        String doc = "Cipher.getInstance(\"DES\")";
    }
}
