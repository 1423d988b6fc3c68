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
