import javax.crypto.Cipher
import javax.crypto.KeyGenerator
import javax.crypto.NullCipher

class Ciphers {
    fun ecb(k: Key, plain: ByteArray): ByteArray {
        // ruleid: kt-weak-cipher
        val c: Cipher = Cipher.getInstance("AES/ECB/NoPadding")
        c.init(Cipher.ENCRYPT_MODE, k)
        return c.doFinal(plain)
    }

    fun des(): Cipher {
        // ruleid: kt-weak-cipher
        return Cipher.getInstance("DES/CBC/PKCS5Padding")
    }

    fun defaultMode(): Cipher {
        // ruleid: kt-weak-cipher
        return javax.crypto.Cipher.getInstance("AES")
    }

    fun desKey() {
        // ruleid: kt-weak-cipher
        val gen = KeyGenerator.getInstance("DES")
    }

    fun nothing(plain: ByteArray): ByteArray {
        // ruleid: kt-weak-cipher
        val doNothing: Cipher = NullCipher()
        return doNothing.doFinal(plain)
    }

    fun good(): Cipher {
        // ok: kt-weak-cipher
        val rsa = Cipher.getInstance("RSA/ECB/OAEPWithSHA-256AndMGF1Padding")
        // ok: kt-weak-cipher
        val aesKey = KeyGenerator.getInstance("AES")
        // ok: kt-weak-cipher
        return Cipher.getInstance("AES/GCM/NoPadding")
    }
}
