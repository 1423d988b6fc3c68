using System.Security.Cryptography.X509Certificates;

public class Validator
{
    public bool Trusted(X509Certificate2 cert)
    {
        // ruleid: cs-cert-name-check
        if (cert.SubjectName.Name == "CN=api.example.com") { return true; }
        // ruleid: cs-cert-name-check
        if (string.Equals(cert.GetNameInfo(X509NameType.SimpleName, false), "api.example.com")) { return true; }
        // ruleid: cs-cert-name-check
        return cert.SubjectName.Name.Equals("CN=api.example.com");
    }

    public bool Pinned(X509Certificate2 cert, string expected)
    {
        // ok: cs-cert-name-check
        var log = "subject: " + cert.SubjectName.Name;
        // ok: cs-cert-name-check
        return cert.Thumbprint == expected;
    }
}
