# config/initializers/cookies_serializer.rb
# ruleid: rb-cookie-serializer
Rails.application.config.action_dispatch.cookies_serializer = :marshal

Rails.application.configure do
  # ruleid: rb-cookie-serializer
  config.action_dispatch.cookies_serializer = :hybrid
  # ok: rb-cookie-serializer
  config.action_dispatch.cookies_serializer = :json
end
