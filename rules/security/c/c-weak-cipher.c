#include <openssl/evp.h>
#include <openssl/des.h>
#include <windows.h>
#include <wincrypt.h>

void openssl(EVP_CIPHER_CTX *ctx, const unsigned char *key, const unsigned char *iv)
{
    /* ruleid: c-weak-cipher */
    EVP_EncryptInit_ex(ctx, EVP_des_ede3_cbc(), NULL, key, iv);
    /* ruleid: c-weak-cipher */
    EVP_EncryptInit_ex(ctx, EVP_aes_128_ecb(), NULL, key, NULL);
    /* ruleid: c-weak-cipher */
    EVP_EncryptInit_ex(ctx, EVP_camellia_256_ecb(), NULL, key, NULL);
    /* ruleid: c-weak-cipher */
    EVP_EncryptInit_ex(ctx, EVP_aria_128_ecb(), NULL, key, NULL);
    /* ruleid: c-weak-cipher */
    EVP_EncryptInit_ex(ctx, EVP_sm4_ecb(), NULL, key, NULL);
    /* ruleid: c-weak-cipher */
    EVP_EncryptInit_ex(ctx, EVP_seed_ecb(), NULL, key, NULL);
    /* ok: c-weak-cipher */
    EVP_EncryptInit_ex(ctx, EVP_camellia_256_cbc(), NULL, key, iv);
    /* ruleid: c-weak-cipher */
    EVP_EncryptInit_ex(ctx, EVP_rc4(), NULL, key, NULL);
    /* ruleid: c-weak-cipher */
    EVP_EncryptInit_ex(ctx, EVP_rc2_cbc(), NULL, key, iv);
    /* ruleid: c-weak-cipher */
    EVP_EncryptInit_ex(ctx, EVP_bf_cbc(), NULL, key, iv);
    /* ruleid: c-weak-cipher */
    EVP_EncryptInit_ex(ctx, EVP_cast5_cbc(), NULL, key, iv);
    /* ruleid: c-weak-cipher */
    EVP_EncryptInit_ex(ctx, EVP_idea_cbc(), NULL, key, iv);
    /* ruleid: c-weak-cipher */
    const EVP_CIPHER *c = EVP_get_cipherbyname("rc4");
    /* ruleid: c-weak-cipher */
    EVP_CIPHER *f = EVP_CIPHER_fetch(NULL, "DES-EDE3-CBC", NULL);
    /* ok: c-weak-cipher */
    EVP_EncryptInit_ex(ctx, EVP_aes_256_gcm(), NULL, key, iv);
    /* ok: c-weak-cipher */
    const EVP_CIPHER *g = EVP_get_cipherbyname("aes-256-gcm");
}

void legacy(const unsigned char *key, DES_cblock *in, DES_cblock *out)
{
    DES_key_schedule ks;
    RC4_KEY k;
    BF_KEY b;
    /* ruleid: c-weak-cipher */
    DES_set_key_unchecked((const_DES_cblock *)key, &ks);
    /* ruleid: c-weak-cipher */
    DES_ecb_encrypt(in, out, &ks, DES_ENCRYPT);
    /* ruleid: c-weak-cipher */
    DES_ncbc_encrypt(key, (unsigned char *)out, 8, &ks, in, DES_ENCRYPT);
    /* ruleid: c-weak-cipher */
    DES_cbc_encrypt(key, (unsigned char *)out, 8, &ks, in, DES_ENCRYPT);
    /* ruleid: c-weak-cipher */
    DES_ede3_cbc_encrypt(key, (unsigned char *)out, 8, &ks, &ks, &ks, in, DES_ENCRYPT);
    /* ruleid: c-weak-cipher */
    RC4_set_key(&k, 16, key);
    /* ruleid: c-weak-cipher */
    RC4(&k, 8, key, (unsigned char *)out);
    /* ruleid: c-weak-cipher */
    BF_set_key(&b, 16, key);
}

void windows(HCRYPTPROV prov, HCRYPTHASH hash)
{
    HCRYPTKEY key;
    BCRYPT_ALG_HANDLE alg;
    /* ruleid: c-weak-cipher */
    CryptDeriveKey(prov, CALG_3DES, hash, 0, &key);
    /* ruleid: c-weak-cipher */
    BCryptOpenAlgorithmProvider(&alg, BCRYPT_RC4_ALGORITHM, NULL, 0);
    /* ok: c-weak-cipher */
    CryptDeriveKey(prov, CALG_AES_256, hash, 0, &key);
    /* ok: c-weak-cipher */
    BCryptOpenAlgorithmProvider(&alg, BCRYPT_AES_ALGORITHM, NULL, 0);
}
