#include <openssl/evp.h>
#include <openssl/md5.h>
#include <windows.h>
#include <wincrypt.h>

void digests(const unsigned char *d, size_t n, unsigned char *out)
{
    /* ruleid: c-weak-hash */
    MD5(d, n, out);
    /* ruleid: c-weak-hash */
    MD4(d, n, out);
    /* ruleid: c-weak-hash */
    SHA1(d, n, out);
    /* ruleid: c-weak-hash */
    SHA(d, n, out);
    MD5_CTX m;
    /* ruleid: c-weak-hash */
    MD5_Init(&m);
    MD4_CTX m4;
    /* ruleid: c-weak-hash */
    MD4_Init(&m4);
    MD2_CTX m2;
    /* ruleid: c-weak-hash */
    MD2_Init(&m2);
    /* ruleid: c-weak-hash */
    MD2(d, n, out);
    SHA_CTX c;
    /* ruleid: c-weak-hash */
    SHA1_Init(&c);
    /* ruleid: c-weak-hash */
    SHA_Init(&c);
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    /* ruleid: c-weak-hash */
    EVP_DigestInit_ex(ctx, EVP_md5(), NULL);
    /* ruleid: c-weak-hash */
    EVP_DigestInit_ex(ctx, EVP_sha1(), NULL);
    /* ruleid: c-weak-hash */
    const EVP_MD *md = EVP_get_digestbyname("sha1");
    /* ruleid: c-weak-hash */
    EVP_MD *f = EVP_MD_fetch(NULL, "MD5", NULL);
    /* ok: c-weak-hash */
    EVP_DigestInit_ex(ctx, EVP_sha256(), NULL);
    /* ok: c-weak-hash */
    EVP_MD *g = EVP_MD_fetch(NULL, "SHA2-256", NULL);
    /* ok: c-weak-hash */
    SHA256(d, n, out);
}

void embedded(const unsigned char *d, size_t n, unsigned char *out)
{
    /* ruleid: c-weak-hash */
    mbedtls_md5(d, n, out);
    /* ruleid: c-weak-hash */
    mbedtls_sha1_ret(d, n, out);
    /* ruleid: c-weak-hash */
    CC_MD5(d, (CC_LONG)n, out);
    /* ruleid: c-weak-hash */
    CC_SHA1(d, (CC_LONG)n, out);
    /* ok: c-weak-hash */
    mbedtls_sha256(d, n, out, 0);
}

void windows(HCRYPTPROV prov)
{
    HCRYPTHASH h;
    BCRYPT_ALG_HANDLE alg;
    /* ruleid: c-weak-hash */
    CryptCreateHash(prov, CALG_MD5, 0, 0, &h);
    /* ruleid: c-weak-hash */
    BCryptOpenAlgorithmProvider(&alg, BCRYPT_SHA1_ALGORITHM, NULL, 0);
    /* ok: c-weak-hash */
    CryptCreateHash(prov, CALG_SHA_256, 0, 0, &h);
    /* ok: c-weak-hash */
    BCryptOpenAlgorithmProvider(&alg, BCRYPT_SHA256_ALGORITHM, NULL, 0);
    /* ok: c-weak-hash */
    puts("MD5(data)");
}
