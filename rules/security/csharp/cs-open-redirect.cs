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

    public IActionResult Home()
    {
        // ok: cs-open-redirect
        return Redirect("/home");
    }
}
