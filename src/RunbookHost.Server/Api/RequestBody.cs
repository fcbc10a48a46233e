using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;

namespace RunbookHost.Server.Api;

/// <summary>Reads a JSON request body as a node, with a clear error for bad JSON.</summary>
internal static class RequestBody
{
    private static readonly JsonNodeOptions NodeOptions = new() { PropertyNameCaseInsensitive = false };
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    public static async Task<(JsonNode? Node, IResult? Error)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            // Buffered (the size limit bounds it) so that invalid UTF-8 is refused here, not found later while reading a value.
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, cancellationToken);
            var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
            if (!Utf8.IsValid(bytes))
            {
                return (null, Problems.BadRequest("The body is not valid JSON: it is not UTF-8 text.", [new FieldError("$", "Send UTF-8 encoded JSON.")]));
            }

            var node = bytes.IsEmpty ? null : JsonNode.Parse(bytes, NodeOptions, DocumentOptions);
            return node is null ? (null, Problems.BadRequest("The body is empty; send a JSON object.")) : (node, null);
        }
        catch (JsonException ex)
        {
            return (null, Problems.BadRequest($"The body is not valid JSON: {ex.Message}", [new FieldError(ex.Path ?? "$", ex.Message)]));
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, Results.Problem(title: "Payload too large.", detail: ex.Message, statusCode: StatusCodes.Status413PayloadTooLarge));
        }
    }

    public static async Task<(JsonObject? Body, IResult? Error)> ReadObjectAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (node, error) = await ReadAsync(request, cancellationToken);
        if (error is not null)
        {
            return (null, error);
        }

        return node is JsonObject obj ? (obj, null) : (null, Problems.BadRequest("The body must be a JSON object.", [new FieldError("$", "Expected an object.")]));
    }

    /// <summary>Adds an error naming each field of <paramref name="body"/> not in <paramref name="known"/>: a misspelt field is refused, not silently ignored.</summary>
    public static void CheckFields(JsonObject body, List<FieldError> errors, params ReadOnlySpan<string> known)
    {
        foreach (var (name, _) in body)
        {
            if (!known.Contains(name))
            {
                errors.Add(new FieldError(name, $"'{name}' is not a field of this request; it takes {string.Join(", ", known.ToArray())}."));
            }
        }
    }

    /// <summary>An optional positive whole <c>version</c>; any other value present is an error naming the field.</summary>
    public static int? Version(JsonObject body, List<FieldError> errors)
    {
        if (body["version"] is not { } node)
        {
            return null;
        }

        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.Number && int.TryParse(value.ToJsonString(), out int version) && version > 0)
        {
            return version;
        }

        errors.Add(new FieldError("version", "'version' must be a positive whole number."));
        return null;
    }

    /// <summary>An optional text field; a present value of another kind is an error naming the field.</summary>
    public static bool TryText(JsonObject body, string name, List<FieldError> errors, out string? value)
    {
        value = null;
        var node = body[name];
        if (node is null)
        {
            return true;
        }

        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.String)
        {
            value = v.GetValue<string>();
            return true;
        }

        errors.Add(new FieldError(name, $"'{name}' must be text."));
        return false;
    }
}
