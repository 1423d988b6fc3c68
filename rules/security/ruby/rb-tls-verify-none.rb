require "net/http"

def fetch_status(uri)
  http = Net::HTTP.new(uri.host, uri.port)
  http.use_ssl = true
  # ruleid: rb-tls-verify-none
  http.verify_mode = OpenSSL::SSL::VERIFY_NONE
  # ok: rb-tls-verify-none
  http.verify_mode = OpenSSL::SSL::VERIFY_PEER
  http.get(uri.path)
end

def insecure?(http)
  # ok: rb-tls-verify-none
  http.verify_mode == OpenSSL::SSL::VERIFY_NONE
end

def clients(url)
  # ruleid: rb-tls-verify-none
  RestClient::Request.execute(method: :get, url: url, verify_ssl: false)
  # ruleid: rb-tls-verify-none
  conn = Faraday.new(url: url, ssl: { verify: false })
  # ok: rb-tls-verify-none
  conn = Faraday.new(url: url, ssl: { verify: true, ca_file: "/etc/ssl/ca.pem" })
  # ruleid: rb-tls-verify-none
  HTTParty.get(url, verify: false)
  # ruleid: rb-tls-verify-none
  Excon.get(url, ssl_verify_peer: false)
  # ok: rb-tls-verify-none
  form.validate(verify: false)
  ctx = OpenSSL::SSL::SSLContext.new
  # ruleid: rb-tls-verify-none
  ctx.verify_hostname = false
  conn
end
