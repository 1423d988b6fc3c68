using Microsoft.AspNetCore.Mvc;

public class AccountController : Controller
{
    public IActionResult Login(string returnUrl)
    {
        // ruleid: cs-open-redirect
        return Redirect(returnUrl);
    }

    public IActionResult Back()
    {
        var to = Request.Query["to"];
        // ruleid: cs-open-redirect
        return new RedirectResult(to);
    }

    public IActionResult Safe(string returnUrl)
    {
        // ok: cs-open-redirect
        return LocalRedirect(returnUrl);
    }

    public IActionResult Checked(string returnUrl)
    {
        if (!string.IsNullOrEmpty(returnUrl) && Url.IsLocalUrl(returnUrl))
        {
            // ok: cs-open-redirect
            return Redirect(returnUrl);
        }
        return RedirectToAction("Index");
    }

    public IActionResult Home()
    {
        // ok: cs-open-redirect
        return Redirect("/home");
    }
}
