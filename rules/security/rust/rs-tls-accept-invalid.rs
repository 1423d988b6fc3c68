use openssl::ssl::{SslConnector, SslMethod, SslVerifyMode, SSL_VERIFY_NONE};

fn clients(ca: reqwest::Certificate, insecure: bool) -> reqwest::Result<()> {
    // ruleid: rs-tls-accept-invalid
    let c = reqwest::Client::builder().danger_accept_invalid_certs(true).build()?;
    let c = reqwest::Client::builder()
        .user_agent("gatekeep")
        // ruleid: rs-tls-accept-invalid
        .danger_accept_invalid_hostnames(true)
        .build()?;
    // ruleid: rs-tls-accept-invalid
    let c = native_tls::TlsConnector::builder().danger_accept_invalid_certs( true ).build();
    // ok: rs-tls-accept-invalid
    let c = reqwest::Client::builder().add_root_certificate(ca).build()?;
    // ok: rs-tls-accept-invalid
    let c = reqwest::Client::builder().danger_accept_invalid_certs(false).build()?;
    // ok: rs-tls-accept-invalid
    let c = reqwest::Client::builder().danger_accept_invalid_certs(insecure).build()?;
    // ok: rs-tls-accept-invalid
    // let c = reqwest::Client::builder().danger_accept_invalid_certs(true).build()?;
    // ok: rs-tls-accept-invalid
    let doc = "call .danger_accept_invalid_certs(true) to test";
    Ok(())
}

macro_rules! client {
    ($insecure:expr) => {{
        let mut b = reqwest::Client::builder();
        if $insecure {
            // ruleid: rs-tls-accept-invalid
            b = b.danger_accept_invalid_certs(true);
            // ok: rs-tls-accept-invalid
            b = b.danger_accept_invalid_certs(false);
        }
        b
    }};
}

fn openssl() {
    let mut b = SslConnector::builder(SslMethod::tls()).unwrap();
    // ruleid: rs-tls-accept-invalid
    b.set_verify(SslVerifyMode::NONE);
    // ruleid: rs-tls-accept-invalid
    b.set_verify(openssl::ssl::SslVerifyMode::NONE);
    // ruleid: rs-tls-accept-invalid
    connector.builder_mut().set_verify(SSL_VERIFY_NONE);
    // ruleid: rs-tls-accept-invalid
    b.set_verify_callback(SslVerifyMode::NONE, |_, _| true);
    // ok: rs-tls-accept-invalid
    b.set_verify(SslVerifyMode::PEER);
}

fn rustls(mut cfg: rustls::ClientConfig, verifier: std::sync::Arc<NoVerify>) {
    // ruleid: rs-tls-accept-invalid
    cfg.dangerous().set_certificate_verifier(verifier.clone());
    // ruleid: rs-tls-accept-invalid
    let mut d = rustls::client::ClientConfig::dangerous(&mut cfg);
    d.set_certificate_verifier(verifier.clone());
    // ruleid: rs-tls-accept-invalid
    let mut d = rustls::client::DangerousClientConfig { cfg: &mut cfg };
    // ok: rs-tls-accept-invalid
    let mut c = rustls::client::ClientConfig::new();
    // ok: rs-tls-accept-invalid
    let mut other = rustls::client::ClientConfig::dangerous(&mut cfg);
}
