using System.Security.Cryptography;

public class Hashes
{
    public byte[] Digest(byte[] data)
    {
        // ruleid: cs-weak-hash
        using var md5 = MD5.Create();
        // ruleid: cs-weak-hash
        var sha1 = new SHA1CryptoServiceProvider();
        // ruleid: cs-weak-hash
        var d = SHA1.HashData(data);
        // ok: cs-weak-hash
        return SHA256.HashData(data);
    }
}
