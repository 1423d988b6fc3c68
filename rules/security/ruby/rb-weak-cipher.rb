require "openssl"

def encrypt_legacy(key, data)
  # ruleid: rb-weak-cipher
  cipher = OpenSSL::Cipher.new("des-ede3-cbc")
  cipher.encrypt
  cipher.key = key
  cipher.update(data) + cipher.final
end

def encrypt_blocks(key, data)
  # ruleid: rb-weak-cipher
  cipher = OpenSSL::Cipher::AES.new(128, :ECB)
  # ruleid: rb-weak-cipher
  stream = OpenSSL::Cipher.new("aes-256-ecb")
  # ok: rb-weak-cipher
  good = OpenSSL::Cipher.new("aes-256-gcm")
  # ok: rb-weak-cipher
  other = OpenSSL::Cipher::AES.new(256, :GCM)
  [cipher, stream, good, other]
end
