require "openssl"

class KeyStore
  $vault_phrase = "correct horse battery"

  def initialize(config)
    @phrase = "my secure pass phrase"
    @configured = config.fetch(:phrase)
    @mixed = "default phrase"
  end

  def use_mixed(config)
    @mixed = config.fetch(:other)
  end

  # An instance or global variable holds whatever the file ever assigns it: a literal in
  # `initialize` is still the passphrase in another method.
  def load_with_ivar(pem)
    # ruleid: rb-hardcoded-key-passphrase
    OpenSSL::PKey::RSA.new(pem, @phrase)
  end

  def load_with_global(pem)
    # ruleid: rb-hardcoded-key-passphrase
    OpenSSL::PKey::RSA.new(pem, $vault_phrase)
  end

  def load_configured(pem)
    # ok: rb-hardcoded-key-passphrase
    OpenSSL::PKey::RSA.new(pem, @configured)
  end

  def load_mixed(pem)
    # ok: rb-hardcoded-key-passphrase
    OpenSSL::PKey::RSA.new(pem, @mixed)
  end

  def load_unassigned(pem)
    # ok: rb-hardcoded-key-passphrase
    OpenSSL::PKey::RSA.new(pem, @never_assigned)
  end
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
