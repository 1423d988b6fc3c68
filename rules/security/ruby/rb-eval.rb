class ReportsController < ApplicationController
  def calculate
    formula = params[:formula]
    # ruleid: rb-eval
    result = eval(formula)
    # ruleid: rb-eval
    Report.class_eval(cookies[:patch])
    # ruleid: rb-eval
    render inline: "<h1>#{params[:title]}</h1>"
    # ok: rb-eval
    render inline: "<h1><%= @title %></h1>"
    render json: { result: result }
  end

  def preview
    code = "puts " + request.body.read
    # ruleid: rb-eval
    RubyVM::InstructionSequence.compile(code).eval
    # ok: rb-eval
    binding.eval("1 + 1")
  end
end

module Accessors
  def self.define(klass, names)
    names.each do |name|
      # ok: rb-eval
      klass.class_eval <<~RUBY, __FILE__, __LINE__ + 1
        def #{name}?
          !!@#{name}
        end
      RUBY
    end
  end

  def self.config(settings, snippet)
    # ok: rb-eval
    settings.instance_eval do
      self.retries = 3
    end
    # ruleid: rb-eval
    settings.instance_eval(snippet)
    version = 2
    # ok: rb-eval
    eval("VERSION_#{version}")
  end
end
