using System.Text.Json;
using System.Text.Json.Serialization;

namespace Course;

/// <summary>
/// The kit's one saved-model format: a UTF-8 JSON document <c>{ "format": "course.kmeans", "version": 1, "model": { … } }</c>.
/// The format tag names the model type that may read the file and the version lets a later kit refuse (or convert) an
/// older layout explicitly, instead of misreading it. Every fitted model implements <see cref="ISavedModel{TSelf}"/>
/// through these helpers; neural models keep their weights in TorchSharp's own format beside such a manifest.
/// </summary>
/// <remarks>Doubles are written in their shortest round-trip form, so a loaded model predicts bit for bit as the
/// saved one; matrices as <c>{ "rows", "cols", "data" }</c> (row-major); enums by name. A file is untrusted input:
/// reading checks the tag, the version and every shape, and reports any problem as a <see cref="FormatException"/>.</remarks>
public static class ModelFile
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        // Fitted values may legitimately be infinite (a merge height at infinity, an empty cluster's distance).
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        // A missing field must be an error, not a null that fails later inside the loader.
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        Converters = { new MatrixJsonConverter(), new JsonStringEnumConverter(allowIntegerValues: false) },
    };

    private sealed record Envelope<T>(
        [property: JsonPropertyName("format")] string Format,
        [property: JsonPropertyName("version")] int Version,
        [property: JsonPropertyName("model")] T? Model);

    private sealed record Header(
        [property: JsonPropertyName("format")] string? Format,
        [property: JsonPropertyName("version")] int Version);

    /// <summary>The document for <paramref name="model"/>'s state under <paramref name="format"/> and <paramref name="version"/>.</summary>
    public static string Write<T>(string format, int version, T model) =>
        JsonSerializer.Serialize(new Envelope<T>(format, version, model), Json);

    /// <summary>The state stored in <paramref name="json"/>, after checking that it is a <paramref name="format"/>
    /// document of <paramref name="version"/>.</summary>
    /// <exception cref="ArgumentNullException">json is null.</exception>
    /// <exception cref="FormatException">json is not valid JSON, holds another model or version, or has no state.</exception>
    public static T Read<T>(string json, string format, int version) where T : class
    {
        ArgumentNullException.ThrowIfNull(json);
        Header? header;
        try { header = JsonSerializer.Deserialize<Header>(json, Json); }
        catch (JsonException e) { throw new FormatException($"not a saved model (expected '{format}'): {e.Message}", e); }
        if (header?.Format != format)
            throw new FormatException($"this document holds a '{header?.Format ?? "(no format)"}' model, not '{format}'.");
        if (header.Version != version)
            throw new FormatException($"'{format}' version {header.Version} cannot be read: this kit reads version {version}.");
        Envelope<T>? envelope;
        try { envelope = JsonSerializer.Deserialize<Envelope<T>>(json, Json); }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException or NotSupportedException or FormatException)
        {
            throw new FormatException($"corrupt '{format}' model: {e.Message}", e);
        }
        return envelope?.Model ?? throw new FormatException($"'{format}' document has no model.");
    }

    /// <summary>Throws a <see cref="FormatException"/> naming <paramref name="problem"/> unless <paramref name="ok"/>:
    /// the consistency checks a loader runs on a document it did not write.</summary>
    public static void Check(bool ok, string format, string problem)
    {
        if (!ok) throw new FormatException($"corrupt '{format}' model: {problem}.");
    }

    /// <summary>Whether every value is finite; true for none (TensorPrimitives.IsFiniteAll answers false for an
    /// empty span, which refused a DBSCAN model with no core point).</summary>
    public static bool AllFinite(ReadOnlySpan<double> values) => values.IsEmpty || System.Numerics.Tensors.TensorPrimitives.IsFiniteAll(values);

    /// <summary>Writes <paramref name="model"/> to <paramref name="path"/> (replacing the file).</summary>
    public static void Save<T>(this T model, string path) where T : ISavedModel<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        File.WriteAllText(path, model.ToJson());
    }

    /// <summary>Reads a <typeparamref name="T"/> saved by <see cref="Save{T}"/>.</summary>
    /// <exception cref="FormatException">the file holds another model, another version, or inconsistent state.</exception>
    public static T Load<T>(string path) where T : ISavedModel<T>
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return T.FromJson(File.ReadAllText(path));
    }
}

/// <summary>A fitted model that saves to and loads from the kit's format (<see cref="ModelFile"/>): <c>ToJson</c> and
/// <c>FromJson</c> here, <c>model.Save(path)</c> and <c>XModel.Load(path)</c> on every model.</summary>
/// <typeparam name="TSelf">The model type itself.</typeparam>
public interface ISavedModel<TSelf> where TSelf : ISavedModel<TSelf>
{
    /// <summary>The model as a <see cref="ModelFile"/> document.</summary>
    string ToJson();

    /// <summary>Reads a document written by <see cref="ToJson"/>.</summary>
    /// <exception cref="FormatException">not a document of this model type and version, or inconsistent.</exception>
    static abstract TSelf FromJson(string json);
}

/// <summary>Writes a <see cref="Matrix"/> as <c>{ "rows": r, "cols": c, "data": [ … ] }</c> and checks the shape on reading.</summary>
internal sealed class MatrixJsonConverter : JsonConverter<Matrix>
{
    public override Matrix Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException("a matrix must be an object { rows, cols, data }.");
        int rows = -1, cols = -1;
        double[]? data = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            string name = reader.GetString() ?? "";
            reader.Read();
            switch (name)
            {
                case "rows": rows = reader.GetInt32(); break;
                case "cols": cols = reader.GetInt32(); break;
                case "data": data = JsonSerializer.Deserialize<double[]>(ref reader, options); break;
                default: reader.Skip(); break;
            }
        }
        if (rows < 0 || cols < 0 || data is null) throw new JsonException("a matrix needs rows >= 0, cols >= 0 and data.");
        if (data.Length != (long)rows * cols) throw new JsonException($"a {rows}x{cols} matrix needs {(long)rows * cols} values, not {data.Length}.");
        return new Matrix(rows, cols, data);
    }

    public override void Write(Utf8JsonWriter writer, Matrix value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteNumber("rows", value.Rows);
        writer.WriteNumber("cols", value.Cols);
        writer.WritePropertyName("data");
        JsonSerializer.Serialize(writer, value.Data, options);
        writer.WriteEndObject();
    }
}
