using System.Web.Mvc;
using RazorEngine;
using RazorEngine.Templating;

public class HomeController : Controller
{
    [HttpPost]
    public ActionResult Preview(string template)
    {
        // ruleid: cs-template-injection
        ViewBag.Html = Razor.Parse(template);
        return View();
    }

    [HttpPost]
    public ActionResult Render(Model model)
    {
        var tpl = Request.Form["tpl"];
        // ruleid: cs-template-injection
        ViewBag.Html = Engine.Razor.RunCompile(tpl, "key", null, model);
        var own = System.IO.File.ReadAllText("Views/mail.cshtml");
        // ok: cs-template-injection
        ViewBag.Mail = Engine.Razor.RunCompile(own, "mail", null, model);
        // ok: cs-template-injection
        return View(Razor.Parse("<p>@Model.Name</p>", model));
    }
}
