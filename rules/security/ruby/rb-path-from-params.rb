require "net/ftp"

class DownloadsController < ApplicationController
  UPLOADS = Rails.root.join("storage", "uploads")

  def show
    # ruleid: rb-path-from-params
    send_file File.join(UPLOADS, params[:name])
    # ok: rb-path-from-params
    send_file File.join(UPLOADS, File.basename(params[:name]))
  end

  def preview
    path = "/srv/reports/#{params[:report]}.csv"
    # ruleid: rb-path-from-params
    rows = File.readlines(path)
    # ok: rb-path-from-params
    rows = File.readlines("/srv/reports/#{params[:id].to_i}.csv")
    render plain: rows.first(10).join
  end

  def destroy
    # ruleid: rb-path-from-params
    FileUtils.rm_rf(Rails.root.join("tmp", "exports", cookies[:export_dir]))
    # ruleid: rb-path-from-params
    FileUtils.mv(Rails.root.join("tmp", "a.csv"), request.headers["X-Target"])
    head :no_content
  end

  def page
    # ruleid: rb-path-from-params
    render params[:page]
    # ruleid: rb-path-from-params
    render file: "/var/www/pages/#{params[:name]}"
    # ok: rb-path-from-params
    render :index, status: :ok
  end

  def logs
    # ruleid: rb-path-from-params
    entries = Dir.children(File.join("/var/log/app", params[:folder]))
    # ruleid: rb-path-from-params
    tail = IO.readlines("/var/log/app/#{params[:file]}").last(20)
    render plain: (entries + tail).join("\n")
  end

  TEMPLATES = { "terms" => "legal/terms", "privacy" => "legal/privacy" }.freeze

  def legal
    # ok: rb-path-from-params
    render TEMPLATES.fetch(params[:page], "legal/terms")
    # ok: rb-path-from-params
    render file: Rails.root.join("app/views", TEMPLATES[params[:page]])
    # ok: rb-path-from-params
    send_file cookies.signed[:last_export]
  end

  def mirror
    ftp = Net::FTP.new("ftp.example.com")
    ftp.login
    # ruleid: rb-path-from-params
    ftp.getbinaryfile(params[:remote], "/tmp/mirror.bin")
    ftp.close
  end
end

class ConfigLoader
  def load(name)
    # ok: rb-path-from-params
    File.read(File.join("config", name))
  end
end
