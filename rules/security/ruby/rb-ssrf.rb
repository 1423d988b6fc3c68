require "net/http"
require "open-uri"

class ProxyController < ApplicationController
  def show
    url = params[:url]
    # ruleid: rb-ssrf
    body = Net::HTTP.get(URI(url))
    render plain: body
  end

  def preview
    # ruleid: rb-ssrf
    response = HTTParty.get("https://#{params[:host]}/preview")
    render plain: response.body
  end

  def status
    # ok: rb-ssrf
    body = Net::HTTP.get(URI("https://status.example.com/api"))
    render plain: body
  end
end
