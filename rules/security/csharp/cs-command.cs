using System;
using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;

public class ToolsController : Controller
{
    public IActionResult Ping([FromQuery] string host)
    {
        // ruleid: cs-command
        Process.Start("ping", "-c 1 " + host);
        return Ok();
    }

    public IActionResult Convert()
    {
        string name = Request.Query["file"];
        var psi = new ProcessStartInfo
        {
            FileName = "convert",
            Arguments = $"{name} out.png",
        };
        // ruleid: cs-command
        Process.Start(psi);
        return Ok();
    }

    public void Run(string command)
    {
        var process = new Process();
        process.StartInfo.FileName = command;
        // ruleid: cs-command
        process.Start();
    }

    public void FromEnvironment()
    {
        var tool = Environment.GetEnvironmentVariable("TOOL");
        // ruleid: cs-command
        var p = new ProcessStartInfo(tool);
    }

    public void Constants()
    {
        // ok: cs-command
        Process.Start("git", "status");
        const string Tool = "make";
        // ok: cs-command
        Process.Start(Tool);
        var process = new Process();
        process.StartInfo.FileName = "dotnet";
        process.StartInfo.Arguments = "build";
        // ok: cs-command
        process.Start();
    }

    public void Listed(string file)
    {
        var psi = new ProcessStartInfo("tar");
        psi.ArgumentList.Add("xf");
        psi.ArgumentList.Add(file);
        // ok: cs-command
        Process.Start(psi);
    }
}
