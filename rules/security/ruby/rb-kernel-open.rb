require "open-uri"

class AvatarsController < ApplicationController
  def import
    # ruleid: rb-kernel-open
    data = open(params[:url]).read
    source = "#{Rails.root}/public/#{params[:name]}"
    # ruleid: rb-kernel-open
    Kernel.open(source) { |f| store(f) }
    # ok: rb-kernel-open
    File.open(source) { |f| store(f) }
    # ok: rb-kernel-open
    open(Rails.root.join("public", "default.png")).read
    render json: { size: data.bytesize }
  end
end
