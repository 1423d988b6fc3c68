class ExportsController < ApplicationController
  EXPORTERS = { "csv" => CsvExporter, "xlsx" => XlsxExporter }.freeze

  def create
    # ruleid: rb-reflection
    exporter = params[:format].classify.constantize
    # ok: rb-reflection
    exporter = EXPORTERS.fetch(params[:format])
    report = Report.find(params[:id])
    # ruleid: rb-reflection
    report.public_send(params[:column])
    # ok: rb-reflection
    report.public_send(:touch)
    action = params[:op]
    # ruleid: rb-reflection
    Kernel.const_get(action).new(report)
    # ok: rb-reflection
    report.send(:update, title: params[:title])
    render json: exporter.new(report).call
  end
end

def dispatch(name)
  # ok: rb-reflection
  Handlers.send(name)
end

class ColumnsController < ApplicationController
  def values
    # ruleid: rb-reflection
    names = Product.all.map(&params[:attribute].to_sym)
    # ok: rb-reflection
    ids = Product.all.map(&:id)
    render json: names.zip(ids)
  end
end
