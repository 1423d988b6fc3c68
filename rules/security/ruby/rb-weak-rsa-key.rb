require "openssl"

def keypair
  # ruleid: rb-weak-rsa-key
  key = OpenSSL::PKey::RSA.new(1024)
  # ok: rb-weak-rsa-key
  strong = OpenSSL::PKey::RSA.generate(4096)
  # ok: rb-weak-rsa-key
  loaded = OpenSSL::PKey::RSA.new(File.read("key.pem"))
  [key, strong, loaded]
end

class Keys
  $bits = 512

  def initialize
    @size = 1024
    @strong = 4096
  end

  def global_size
    # ruleid: rb-weak-rsa-key
    OpenSSL::PKey::RSA.new($bits)
  end

  def field_size
    # ruleid: rb-weak-rsa-key
    OpenSSL::PKey::RSA.generate(@size)
  end

  def strong_size
    # ok: rb-weak-rsa-key
    OpenSSL::PKey::RSA.generate(@strong)
  end

  def from_config(cfg)
    # ok: rb-weak-rsa-key
    OpenSSL::PKey::RSA.new(cfg.bits)
  end
end
