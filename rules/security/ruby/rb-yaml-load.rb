class ImportsController < ApplicationController
  def create
    upload = params[:file].read
    # ruleid: rb-yaml-load
    data = YAML.load(upload)
    # ok: rb-yaml-load
    data = YAML.safe_load(upload, permitted_classes: [Date])
    # ok: rb-yaml-load
    data = YAML.load(upload, permitted_classes: [Date])
    Import.create!(rows: data)
  end
end

def settings
  # ok: rb-yaml-load
  YAML.load(File.read(Rails.root.join("config", "settings.yml")))
end

def from_stdin
  # ruleid: rb-yaml-load
  Psych.load($stdin.read)
end

def from_pipe
  # ruleid: rb-yaml-load
  YAML.load_stream(STDIN.read)
end
