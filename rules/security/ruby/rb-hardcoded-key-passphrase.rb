require "openssl"

class KeyStore
  def load_literal(pem)
    # ruleid: rb-hardcoded-key-passphrase
    OpenSSL::PKey::RSA.new(pem, "correct horse battery")
  end

  def load_without_parens(pem)
    # ruleid: rb-hardcoded-key-passphrase
    key = OpenSSL::PKey::RSA.new pem, 'tr0ub4dor'
    key
  end

  def export_with_local
    key = OpenSSL::PKey::RSA.new 2048
    phrase = "my secure pass phrase"
    cipher = OpenSSL::Cipher.new "AES-256-CBC"
    # ruleid: rb-hardcoded-key-passphrase
    File.write("ca.pem", key.export(cipher, phrase))
  end

  def read_any(pem)
    # ruleid: rb-hardcoded-key-passphrase
    OpenSSL::PKey.read(pem, "hunter2")
  end

  def from_env(pem)
    # ok: rb-hardcoded-key-passphrase
    OpenSSL::PKey::RSA.new(pem, ENV.fetch("KEY_PASSPHRASE"))
  end

  def unencrypted(pem)
    # ok: rb-hardcoded-key-passphrase
    OpenSSL::PKey::RSA.new(pem)
  end

  def export_from_config(key, cipher)
    # ok: rb-hardcoded-key-passphrase
    key.export(cipher, Rails.application.credentials.key_passphrase)
  end

  def generated
    # ok: rb-hardcoded-key-passphrase
    OpenSSL::PKey::RSA.new(4096)
  end
end
