require "oj"

class SessionsController < ApplicationController
  def restore
    blob = Base64.decode64(cookies[:state])
    # ruleid: rb-unsafe-deserialize
    state = Marshal.load(blob)
    # ruleid: rb-unsafe-deserialize
    prefs = Oj.load(request.body.read)
    # ok: rb-unsafe-deserialize
    prefs = Oj.load(request.body.read, mode: :strict)
    # ruleid: rb-unsafe-deserialize
    doc = JSON.load(params[:doc])
    # ok: rb-unsafe-deserialize
    doc = JSON.parse(params[:doc])
    render json: [state, prefs, doc]
  end
end

class Cache
  def read(key)
    raw = File.binread(path_for(key))
    # ruleid: rb-unsafe-deserialize
    Marshal.load(raw)
  end

  def copy(tree)
    # ok: rb-unsafe-deserialize
    Marshal.load(Marshal.dump(tree))
  end

  def import(io)
    # ruleid: rb-unsafe-deserialize
    YAML.unsafe_load(io.read)
  end

  def snapshot(report)
    data = CSV.dump([report])
    # ok: rb-unsafe-deserialize
    CSV.load(data)
  end

  def parse(json, options)
    # ok: rb-unsafe-deserialize
    Oj.load(json, options)
  end

  def defaults
    # ok: rb-unsafe-deserialize
    Marshal.load("\x04\bi\x06")
  end
end
