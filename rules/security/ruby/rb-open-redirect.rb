class SessionsController < ApplicationController
  def create
    # ruleid: rb-open-redirect
    redirect_to params[:return_to]
  end

  def back
    target = request.referer
    # ruleid: rb-open-redirect
    redirect_to target, allow_other_host: true
  end

  def destroy
    # ok: rb-open-redirect
    redirect_to root_path
    # ok: rb-open-redirect
    redirect_to "/login"
  end
end
