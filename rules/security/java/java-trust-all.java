import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSession;
import javax.net.ssl.X509TrustManager;
import org.apache.http.conn.ssl.NoopHostnameVerifier;
import org.apache.http.conn.ssl.TrustStrategy;

public class Tls {
    static final X509TrustManager ACCEPT = new X509TrustManager() {
        // ruleid: java-trust-all
        public void checkServerTrusted(X509Certificate[] chain, String type) {
        }

        // ruleid: java-trust-all
        public void checkClientTrusted(X509Certificate[] chain, String type) throws CertificateException {
            // accept anything
            return;
        }

        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    };

    static final X509TrustManager PINNED = new X509TrustManager() {
        // ok: java-trust-all
        public void checkServerTrusted(X509Certificate[] chain, String type) throws CertificateException {
            if (!PIN.equals(fingerprint(chain[0]))) {
                throw new CertificateException("unexpected certificate");
            }
        }

        // ok: java-trust-all
        public void checkClientTrusted(X509Certificate[] chain, String type) throws CertificateException {
            delegate.checkClientTrusted(chain, type);
        }

        public X509Certificate[] getAcceptedIssuers() {
            return delegate.getAcceptedIssuers();
        }
    };

    void verifiers(SSLContextBuilder builder) throws Exception {
        HttpsURLConnection.setDefaultHostnameVerifier(new HostnameVerifier() {
            // ruleid: java-trust-all
            @Override
            public boolean verify(String host, SSLSession session) {
                return true;
            }
        });
        // ruleid: java-trust-all
        HttpsURLConnection.setDefaultHostnameVerifier((host, session) -> true);
        // ruleid: java-trust-all
        HostnameVerifier any = (h, s) -> true;
        // ruleid: java-trust-all
        client.setHostnameVerifier(new NoopHostnameVerifier());
        // ruleid: java-trust-all
        factory.setHostnameVerifier(SSLSocketFactory.ALLOW_ALL_HOSTNAME_VERIFIER);
        // ruleid: java-trust-all
        builder.loadTrustMaterial(null, (chain, authType) -> true);
        TrustStrategy trusting = new TrustStrategy() {
            // ruleid: java-trust-all
            public boolean isTrusted(X509Certificate[] chain, String authType) {
                return true;
            }
        };
        // ruleid: java-trust-all
        builder.loadTrustMaterial(TrustAllStrategy.INSTANCE);
    }

    void strictVerifiers(SSLContextBuilder builder, KeyStore store) throws Exception {
        // ok: java-trust-all
        HttpsURLConnection.setDefaultHostnameVerifier((host, session) -> host.equals("api.example.com"));
        // ok: java-trust-all
        builder.loadTrustMaterial(store, null);
        // ok: java-trust-all
        boolean ok = signer.verify(payload, signature);
        // ok: java-trust-all
        list.removeIf(x -> true);
        // ok: java-trust-all
        String doc = "new NoopHostnameVerifier()";
    }

    // ok: java-trust-all
    public boolean verify(String host, SSLSession session) {
        return host.endsWith(".example.com") && session.isValid();
    }
}
