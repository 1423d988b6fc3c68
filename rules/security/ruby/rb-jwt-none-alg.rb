require "jwt"

def issue(user)
  payload = { sub: user.id, exp: 1.hour.from_now.to_i }
  # ruleid: rb-jwt-none-alg
  JWT.encode(payload, nil, "none")
  # ok: rb-jwt-none-alg
  JWT.encode(payload, ENV.fetch("JWT_SECRET"), "HS256")
end

def read(token)
  # ruleid: rb-jwt-none-alg
  claims, = JWT.decode(token, nil, false)
  # ruleid: rb-jwt-none-alg
  JWT.decode(token, key, true, { algorithms: ["HS256", "none"] })
  # ok: rb-jwt-none-alg
  JWT.decode(token, ENV.fetch("JWT_SECRET"), true, { algorithm: "HS256" })
  claims
end
