require "jwt"

class TokenIssuer
  SIGNING_KEY = "s3cr3t-signing-key"

  def issue(user)
    payload = { sub: user.id }
    # ruleid: rb-jwt-hardcoded-secret
    JWT.encode(payload, "change-me", "HS256")
    # ruleid: rb-jwt-hardcoded-secret
    JWT.encode payload, SIGNING_KEY, "HS256"
    # ok: rb-jwt-hardcoded-secret
    JWT.encode(payload, Rails.application.credentials.jwt_key, "HS256")
  end

  def verify(token)
    key = "local-rb-key"
    # ruleid: rb-jwt-hardcoded-secret
    JWT.decode(token, key, true, algorithm: "HS256")
    # ok: rb-jwt-hardcoded-secret
    JWT.decode(token, ENV.fetch("JWT_KEY"), true, algorithm: "HS256")
  end
end

def verify_with_jwks(token, loader)
  # ok: rb-jwt-hardcoded-secret
  JWT.decode(token, nil, true, { algorithms: ["RS256"], jwks: loader })
end

def from_environment(payload)
  # ok: rb-jwt-hardcoded-secret
  JWT.encode(payload, ENV["JWT_SECRET"], "HS256")
end
