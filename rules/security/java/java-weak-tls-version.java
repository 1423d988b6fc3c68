import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

public class Protocols {
    SSLContext legacy() throws Exception {
        // ruleid: java-weak-tls-version
        return SSLContext.getInstance("TLSv1");
    }

    void sockets(SSLSocket socket) {
        // ruleid: java-weak-tls-version
        socket.setEnabledProtocols(new String[] {"TLSv1.2", "TLSv1.1"});
        // ok: java-weak-tls-version
        socket.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
    }

    void httpClient(SSLContext ctx) {
        // ruleid: java-weak-tls-version
        SSLConnectionSocketFactory legacy = new SSLConnectionSocketFactory(
                ctx, new String[] {"TLSv1", "TLSv1.2"}, null, null);
        // ok: java-weak-tls-version
        SSLConnectionSocketFactory modern = new SSLConnectionSocketFactory(
                ctx, new String[] {"TLSv1.2", "TLSv1.3"}, null, null);
        // null: the JVM's enabled versions
        // ok: java-weak-tls-version
        SSLConnectionSocketFactory defaults = new SSLConnectionSocketFactory(ctx, null, null);
    }

    void properties() {
        // ruleid: java-weak-tls-version
        System.setProperty("jdk.tls.client.protocols", "TLSv1.2,SSLv3");
        // ok: java-weak-tls-version
        System.setProperty("jdk.tls.client.protocols", "TLSv1.2,TLSv1.3");
    }

    SSLContext modern() throws Exception {
        // ok: java-weak-tls-version
        SSLContext a = SSLContext.getInstance("TLSv1.3");
        // ok: java-weak-tls-version
        return SSLContext.getInstance("TLS");
    }
}
