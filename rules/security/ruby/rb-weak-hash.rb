require "digest"
require "openssl"

def legacy_token(user)
  # ruleid: rb-weak-hash
  Digest::MD5.hexdigest("#{user.id}:#{user.email}")
end

def fingerprint(data)
  # ruleid: rb-weak-hash
  sha = OpenSSL::Digest.new("sha1")
  # ruleid: rb-weak-hash
  Digest::SHA1.file("/etc/hosts").hexdigest
  # ok: rb-weak-hash
  Digest::SHA256.hexdigest(data)
  # ok: rb-weak-hash
  OpenSSL::HMAC.hexdigest("SHA256", ENV.fetch("KEY"), data)
  sha
end
