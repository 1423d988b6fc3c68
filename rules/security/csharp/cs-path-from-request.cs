using System.IO;
using Microsoft.AspNetCore.Mvc;

public class FilesController : ControllerBase
{
    private const string Root = "/srv/files";

    public IActionResult Download(string name)
    {
        // ruleid: cs-path-from-request
        var path = Path.Combine(Root, name);
        // ruleid: cs-path-from-request
        return File(System.IO.File.ReadAllBytes(path), "application/octet-stream");
    }

    public IActionResult Upload([FromServices] ILogger log)
    {
        string target = Request.Query["to"];
        // ruleid: cs-path-from-request
        using var stream = new FileStream(target, FileMode.Create);
        return Ok();
    }

    public async Task<IActionResult> Body()
    {
        // ok: cs-path-from-request
        using var reader = new StreamReader(Request.Body);
        return Ok(await reader.ReadToEndAsync());
    }

    public IActionResult Safe(string name)
    {
        var file = Path.GetFileName(name);
        // ok: cs-path-from-request
        var path = Path.Combine(Root, file);
        // ok: cs-path-from-request
        var readme = System.IO.File.ReadAllText(Path.Combine(Root, "README.md"));
        return Ok(readme);
    }
}

public static class Tool
{
    public static string Read(string path)
    {
        // ok: cs-path-from-request
        return File.ReadAllText(path);
    }
}
