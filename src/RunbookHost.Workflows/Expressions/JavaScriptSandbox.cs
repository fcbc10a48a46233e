using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Jint;
using Jint.Native;
using Jint.Runtime;
using Microsoft.Extensions.Options;

namespace RunbookHost.Workflows.Expressions;

/// <summary>Limits of the JavaScript sandbox.</summary>
public sealed class JavaScriptOptions
{
    /// <summary>Statements one evaluation may run.</summary>
    public int MaxStatements { get; set; } = 100_000;

    /// <summary>Wall-clock time one evaluation may take.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Bytes one evaluation may allocate.</summary>
    public long MemoryLimitBytes { get; set; } = 32L * 1024 * 1024;

    public int MaxRecursionDepth { get; set; } = 128;

    public uint MaxArraySize { get; set; } = 100_000;
}

/// <summary>
/// Evaluates JavaScript through Jint with no access to .NET (no CLR interop is enabled), and with
/// statement, time, memory, recursion and array-size limits. Scripts see <c>input</c>,
/// <c>variables</c> and <c>outputs</c> as plain JSON objects.
/// </summary>
internal sealed partial class JavaScriptSandbox(IOptions<JavaScriptOptions> options)
{
    private readonly JavaScriptOptions _options = options.Value;

    public JsonNode? Evaluate(string source, ExpressionEnvironment environment)
    {
        var engine = CreateEngine();
        try
        {
            engine.SetValue("input", ToJs(engine, environment.Input));
            engine.SetValue("variables", ToJs(engine, ToObject(environment.Variables)));
            engine.SetValue("outputs", ToJs(engine, ToObject(environment.Outputs)));
            long before = GC.GetAllocatedBytesForCurrentThread();
            var result = engine.Evaluate(source);
            // Jint checks the memory limit between statements; one statement can still allocate a lot.
            if (GC.GetAllocatedBytesForCurrentThread() - before > _options.MemoryLimitBytes)
            {
                throw new ExpressionException($"JavaScript allocated more than {_options.MemoryLimitBytes / (1024 * 1024)} MB and was stopped.") { StoppedByLimit = true };
            }

            return FromJs(engine, result);
        }
        catch (JavaScriptException ex)
        {
            throw new ExpressionException($"JavaScript error: {ex.Error} (line {ex.Location.Start.Line}).", ex) { UndefinedName = UndefinedNameOf(ex) };
        }
        catch (StatementsCountOverflowException ex)
        {
            throw new ExpressionException($"JavaScript ran more than {_options.MaxStatements} statements and was stopped.", ex) { StoppedByLimit = true };
        }
        catch (TimeoutException ex)
        {
            throw new ExpressionException($"JavaScript ran longer than {_options.Timeout.TotalSeconds:0.#} s and was stopped.", ex) { StoppedByLimit = true };
        }
        catch (MemoryLimitExceededException ex) when (ex.Message.Contains("array", StringComparison.OrdinalIgnoreCase))
        {
            throw new ExpressionException($"JavaScript made an array longer than {_options.MaxArraySize} items and was stopped ({ex.Message}).", ex) { StoppedByLimit = true };
        }
        catch (MemoryLimitExceededException ex)
        {
            throw new ExpressionException($"JavaScript allocated more than {_options.MemoryLimitBytes / (1024 * 1024)} MB and was stopped.", ex) { StoppedByLimit = true };
        }
        catch (OutOfMemoryException ex)
        {
            throw new ExpressionException($"JavaScript tried to allocate more memory than is available and was stopped.", ex) { StoppedByLimit = true };
        }
        catch (RecursionDepthOverflowException ex)
        {
            throw new ExpressionException($"JavaScript recursed deeper than {_options.MaxRecursionDepth} calls and was stopped.", ex) { StoppedByLimit = true };
        }
        catch (Exception ex) when (ex is JintException or Acornima.ParseErrorException)
        {
            throw new ExpressionException($"JavaScript error: {ex.Message}", ex);
        }
    }

    /// <summary>The name in "ReferenceError: X is not defined": a global the sandbox does not have.</summary>
    private static string? UndefinedNameOf(JavaScriptException ex) =>
        UndefinedReference().Match(ex.Error.ToString()) is { Success: true } m ? m.Groups["name"].Value : null;

    [GeneratedRegex(@"^ReferenceError: (?<name>[^\s]+) is not defined$")]
    private static partial Regex UndefinedReference();

    /// <summary>The syntax error in <paramref name="source"/>, or null when it parses.</summary>
    public static string? SyntaxError(string source)
    {
        try
        {
            Engine.PrepareScript(source);
            return null;
        }
        catch (Exception ex) when (ex is Acornima.ParseErrorException or JintException)
        {
            return ex.Message;
        }
    }

    private Engine CreateEngine() => new(o => o
        .Strict()
        .MaxStatements(_options.MaxStatements)
        .TimeoutInterval(_options.Timeout)
        .LimitMemory(_options.MemoryLimitBytes)
        .LimitRecursion(_options.MaxRecursionDepth)
        .MaxArraySize(_options.MaxArraySize));

    private static JsonObject ToObject<T>(IReadOnlyDictionary<string, T> values)
        where T : JsonNode?
    {
        var obj = new JsonObject();
        foreach (var (key, value) in values)
        {
            obj[key] = value?.DeepClone();
        }

        return obj;
    }

    private static JsValue ToJs(Engine engine, JsonNode node) =>
        new Jint.Native.Json.JsonParser(engine).Parse(node.ToJsonString());

    private static JsonNode? FromJs(Engine engine, JsValue value)
    {
        if (value.IsUndefined() || value.IsNull())
        {
            return null;
        }

        var json = new Jint.Native.Json.JsonSerializer(engine).Serialize(value);
        return json.IsUndefined() ? null : JsonNode.Parse(json.AsString());
    }
}
