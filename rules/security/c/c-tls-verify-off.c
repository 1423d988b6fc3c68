#include <openssl/ssl.h>
#include <curl/curl.h>

void client(SSL_CTX *ctx, CURL *curl)
{
    /* ruleid: c-tls-verify-off */
    SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, NULL);
    /* ruleid: c-tls-verify-off */
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 0L);
    /* ruleid: c-tls-verify-off */
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 0);
    /* ruleid: c-tls-verify-off */
    curl_easy_setopt(curl, CURLOPT_PROXY_SSL_VERIFYPEER, 0L);
    /* ok: c-tls-verify-off */
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, NULL);
    /* ok: c-tls-verify-off */
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
    /* ok: c-tls-verify-off */
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
}

void embedded(WOLFSSL_CTX *wctx, mbedtls_ssl_config *conf)
{
    /* ruleid: c-tls-verify-off */
    wolfSSL_CTX_set_verify(wctx, WOLFSSL_VERIFY_NONE, NULL);
    /* ruleid: c-tls-verify-off */
    mbedtls_ssl_conf_authmode(conf, MBEDTLS_SSL_VERIFY_NONE);
    /* ok: c-tls-verify-off */
    mbedtls_ssl_conf_authmode(conf, MBEDTLS_SSL_VERIFY_REQUIRED);
}
