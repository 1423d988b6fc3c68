import java.security.KeyPairGenerator

class Keys {
    fun rsaWeak() {
        val keyGen: KeyPairGenerator = KeyPairGenerator.getInstance("RSA")
        // ruleid: kt-weak-key
        keyGen.initialize(512)
    }

    fun dsaWeak() {
        val gen = KeyPairGenerator.getInstance("DSA")
        // ruleid: kt-weak-key
        gen.initialize(1024, java.security.SecureRandom())
    }

    fun rsaOk() {
        val keyGen = KeyPairGenerator.getInstance("RSA")
        // ok: kt-weak-key
        keyGen.initialize(2048)
    }

    fun ec() {
        val keyGen = KeyPairGenerator.getInstance("EC")
        // ok: kt-weak-key
        keyGen.initialize(256)
    }
}
