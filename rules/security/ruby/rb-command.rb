require "open3"
require "shellwords"

class ConvertController < ApplicationController
  def thumbnail
    name = params[:file]
    # ruleid: rb-command
    system("convert #{name} -resize 100x100 thumb.png")
    # ok: rb-command
    system("convert", name, "-resize", "100x100", "thumb.png")
  end

  def archive
    target = "/srv/archive/" + params[:dir]
    # ruleid: rb-command
    output = `tar czf /tmp/out.tgz #{target}`
    # ruleid: rb-command
    listing = %x(ls -la #{target})
    [output, listing]
  end

  def ping
    host = request.query_parameters["host"]
    # ruleid: rb-command
    stdout, status = Open3.capture2("ping -c 1 #{host}")
    # ok: rb-command
    stdout, status = Open3.capture2("ping", "-c", "1", host)
    # ok: rb-command
    system("ping -c 1 #{Shellwords.escape(host)}")
    render plain: stdout if status.success?
  end

  def grep
    # ruleid: rb-command
    IO.popen("grep -r #{cookies[:term]} /var/log/app") { |io| io.read }
    # ruleid: rb-command
    Process.spawn({ "LANG" => "C" }, "sort " + params[:path])
    # ruleid: rb-command
    system("bash", "-c", "tail -n 50 " + params[:log])
    # ruleid: rb-command
    open("|host #{params[:domain]}").read
  end
end

def deploy(branch)
  # ruleid: rb-command
  system "git checkout #{branch} && bundle install"
  # ok: rb-command
  system "git fetch --all"
  cmd = "make"
  cmd += " release"
  # ok: rb-command
  exec(cmd)
  page = 3
  # ok: rb-command
  system("curl -s https://example.com/?page=#{page}")
end

def from_cli
  target = ARGV.first
  # ruleid: rb-command
  exec "rsync -a #{target} backup:/srv"
end

def not_a_shell(file)
  # ok: rb-command
  File.open(file) { |f| f.read }
  # ok: rb-command
  open(file)
  # `rm -rf #{file}` in a comment
  # ok: rb-command
  log("system(\"rm -rf #{file}\")")
end
