using System;
using System.Security.Cryptography;

public class Keys
{
    public AesGcm Weak()
    {
        var rng = new Random();
        var key = new byte[32];
        rng.NextBytes(key);
        // ruleid: cs-insecure-random-key
        return new AesGcm(key);
    }

    public void WeakKeyProperty(SymmetricAlgorithm alg)
    {
        var random = new System.Random(Environment.TickCount);
        byte[] key = new byte[16];
        random.NextBytes(key);
        // ruleid: cs-insecure-random-key
        alg.Key = key;
    }

    public AesGcm Strong()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        // ok: cs-insecure-random-key
        return new AesGcm(key);
    }

    public void Noise(SymmetricAlgorithm alg, byte[] key)
    {
        var rng = new Random();
        var padding = new byte[8];
        rng.NextBytes(padding);
        // ok: cs-insecure-random-key
        alg.Key = key;
    }
}
