using System.Net;
using System.Net.Http;

public class Clients
{
    public HttpClient Insecure()
    {
        // ruleid: cs-tls-trust-all
        ServicePointManager.ServerCertificateValidationCallback += (sender, cert, chain, errors) => true;
        var handler = new HttpClientHandler
        {
            // ruleid: cs-tls-trust-all
            ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
        };
        // ruleid: cs-tls-trust-all
        handler.ServerCertificateCustomValidationCallback = delegate { return true; };
        return new HttpClient(handler);
    }

    public HttpClient Pinned(X509Certificate2 ca)
    {
        var handler = new HttpClientHandler();
        // ok: cs-tls-trust-all
        handler.ServerCertificateCustomValidationCallback = (msg, cert, chain, errors) => errors == SslPolicyErrors.None;
        return new HttpClient(handler);
    }
}
