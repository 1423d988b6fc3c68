require "pg"

class UsersController < ApplicationController
  def index
    # ruleid: rb-sql-interpolation
    @users = User.where("name LIKE '%#{params[:q]}%'")
    # ok: rb-sql-interpolation
    @users = User.where("name LIKE ?", "%#{params[:q]}%")
    # ok: rb-sql-interpolation
    @users = User.where(name: params[:q])
    # ruleid: rb-sql-interpolation
    @users = @users.order(params[:sort])
    # ok: rb-sql-interpolation
    @users = @users.order(created_at: :desc)
    # ruleid: rb-sql-interpolation
    @users = @users.order("#{sort_column} #{sort_direction}")
    # ruleid: rb-sql-interpolation
    @names = User.pluck(Arel.sql("COALESCE(nickname, #{params[:fallback]})"))
    # ok: rb-sql-interpolation
    @recent = User.where("created_at > ?", 1.week.ago).limit(params[:per].to_i)
  end

  def report
    column = params[:column]
    sql = "SELECT #{column}, count(*) FROM orders"
    sql << " WHERE status = '" + params[:status] + "'"
    # ruleid: rb-sql-interpolation
    rows = ActiveRecord::Base.connection.execute(sql)
    # ruleid: rb-sql-interpolation
    Order.find_by_sql(<<~SQL)
      SELECT * FROM orders WHERE region = '#{params[:region]}'
    SQL
    # ok: rb-sql-interpolation
    Order.find_by_sql(["SELECT * FROM orders WHERE region = ?", params[:region]])
    # ruleid: rb-sql-interpolation
    Order.where(["state = ? AND region = '#{params[:region]}'", "open"])
    # ruleid: rb-sql-interpolation
    Order.find(:all, conditions: "customer_id = #{params[:customer]}")
    render json: rows
  end

  def sorted
    direction = params[:dir] == "up" ? "ASC" : "DESC"
    # ok: rb-sql-interpolation
    Order.order("created_at #{direction}")
    # ok: rb-sql-interpolation
    Order.where(params.permit(:state, :region))
    recent = Order.where("created_at > ?", 1.day.ago).select(:id).to_sql
    # ok: rb-sql-interpolation
    Order.where("id IN (#{recent})")
  end

  def limited
    page = Integer(params[:page])
    # ok: rb-sql-interpolation
    Order.where("id > #{page * 100}")
  end
end

class LegacyQueries
  def initialize(conn)
    @conn = conn
  end

  def by_email(email)
    # ruleid: rb-sql-interpolation
    @conn.exec("SELECT * FROM users WHERE email = '#{email}'")
  end

  def by_id(id)
    # ok: rb-sql-interpolation
    @conn.exec_params("SELECT * FROM users WHERE id = $1", [id])
  end

  def quoted(name)
    # ok: rb-sql-interpolation
    @conn.exec("SELECT * FROM users WHERE name = '#{@conn.escape_string(name)}'")
  end

  def settings
    # ok: rb-sql-interpolation
    Setting.select("key, value").order("key ASC")
  end

  def latest
    # (old Rails read a string given to first/last as SQL, as brakeman checks)
    # ruleid: rb-sql-interpolation
    Product.last("name = '#{params[:q] ? params[:q] : 'none'}'")
    # ok: rb-sql-interpolation
    Product.last(5)
  end
end
