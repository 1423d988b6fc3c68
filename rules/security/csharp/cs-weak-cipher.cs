using System.Security.Cryptography;

public class Crypto
{
    public byte[] Old(byte[] data)
    {
        // ruleid: cs-weak-cipher
        using var des = DES.Create();
        var aes = Aes.Create();
        // ruleid: cs-weak-cipher
        aes.Mode = CipherMode.ECB;
        // ruleid: cs-weak-cipher
        return aes.EncryptEcb(data, PaddingMode.PKCS7);
    }

    public bool Check(SymmetricAlgorithm alg)
    {
        // ok: cs-weak-cipher
        var aes = Aes.Create();
        // ok: cs-weak-cipher
        aes.Mode = CipherMode.CBC;
        // ok: cs-weak-cipher
        return alg.Mode == CipherMode.ECB;
    }
}
