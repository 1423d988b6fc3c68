using System;
using System.CodeDom.Compiler;
using Microsoft.CodeAnalysis.CSharp.Scripting;

public class Calculator
{
    public static async Task<object> Evaluate()
    {
        var expression = Console.ReadLine();
        // ruleid: cs-code-compile
        return await CSharpScript.EvaluateAsync("return " + expression + ";");
    }

    public CompilerResults Build(string body)
    {
        var provider = CodeDomProvider.CreateProvider("CSharp");
        // ruleid: cs-code-compile
        return provider.CompileAssemblyFromSource(new CompilerParameters(), "public class C { " + body + " }");
    }

    public static async Task<int> Typed(string formula)
    {
        // ruleid: cs-code-compile
        return await CSharpScript.EvaluateAsync<int>(formula);
    }

    public static async Task<int> Fixed(Globals globals)
    {
        // ok: cs-code-compile
        var two = await CSharpScript.EvaluateAsync<int>("1 + 1");
        // ok: cs-code-compile
        return await CSharpScript.EvaluateAsync<int>("X * 2", globals: globals);
    }
}
