using System.Net;
using System.Net.Http;
using Microsoft.AspNetCore.Mvc;

public class ProxyController : Controller
{
    private readonly HttpClient http = new HttpClient();

    public async Task<IActionResult> Fetch(string url)
    {
        // ruleid: cs-ssrf
        var body = await http.GetStringAsync(url);
        return Content(body);
    }

    public async Task<IActionResult> Hook([FromQuery] string host)
    {
        // ruleid: cs-ssrf
        var request = new HttpRequestMessage(HttpMethod.Post, $"https://{host}/hook");
        await http.SendAsync(request);
        return Ok();
    }

    public IActionResult Legacy()
    {
        string target = Request.Query["target"];
        // ruleid: cs-ssrf
        var req = WebRequest.Create(target);
        return Ok(req.GetResponse().ContentLength);
    }

    public async Task<IActionResult> User(string id)
    {
        // ok: cs-ssrf
        var body = await http.GetStringAsync($"https://api.example.com/users/{id}");
        return Content(body);
    }

    public async Task<IActionResult> Item(string id)
    {
        // A repository's GetAsync is no HTTP request.
        // ok: cs-ssrf
        var item = await _items.GetAsync(id);
        return Ok(item);
    }

    public async Task<IActionResult> Status(string name)
    {
        // ok: cs-ssrf
        var body = await http.GetStringAsync("https://status.example.com/api");
        return Content(body);
    }
}

public class Downloader
{
    public Task<string> Get(HttpClient client, string url)
    {
        // ok: cs-ssrf
        return client.GetStringAsync(url);
    }
}
