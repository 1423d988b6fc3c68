import java.security.cert.X509Certificate
import javax.net.ssl.HostnameVerifier
import javax.net.ssl.X509TrustManager
import org.apache.http.conn.ssl.NoopHostnameVerifier

val trustAll = object : X509TrustManager {
    // ruleid: kt-trust-all
    override fun checkServerTrusted(chain: Array<X509Certificate>, authType: String) {}
    // ruleid: kt-trust-all
    override fun checkClientTrusted(chain: Array<out X509Certificate>?, authType: String?) = Unit
    override fun getAcceptedIssuers(): Array<X509Certificate> = arrayOf()
}

class Verifier : HostnameVerifier {
    // ruleid: kt-trust-all
    override fun verify(hostname: String?, session: javax.net.ssl.SSLSession?): Boolean {
        return true
    }
}

fun client(builder: OkHttpClient.Builder) {
    // ruleid: kt-trust-all
    builder.hostnameVerifier { _, _ -> true }
    // ruleid: kt-trust-all
    val v = HostnameVerifier { _, _ -> true }
    // ruleid: kt-trust-all
    val apache = NoopHostnameVerifier.INSTANCE
}

val checked = object : X509TrustManager {
    // ok: kt-trust-all
    override fun checkServerTrusted(chain: Array<X509Certificate>, authType: String) {
        defaultTm.checkServerTrusted(chain, authType)
    }
    override fun checkClientTrusted(chain: Array<X509Certificate>, authType: String) {
        throw CertificateException("no client certificates")
    }
    override fun getAcceptedIssuers(): Array<X509Certificate> = arrayOf()
}

fun pinned(builder: OkHttpClient.Builder) {
    // ok: kt-trust-all
    builder.hostnameVerifier { host, _ -> host == "api.example.com" }
}

fun legacy(conn: javax.net.ssl.HttpsURLConnection, sslBuilder: SSLContextBuilder) {
    // ruleid: kt-trust-all
    conn.setHostnameVerifier { _, _ -> true }
    // ruleid: kt-trust-all
    sslBuilder.loadTrustMaterial(null) { _, _ -> true }
    // ruleid: kt-trust-all
    val strategy = TrustAllStrategy.INSTANCE
}
