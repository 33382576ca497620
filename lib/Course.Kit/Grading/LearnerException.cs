using System.Runtime.InteropServices;

namespace Course.Grading;

/// <summary>
/// An exception a learner's function threw in the grader's other process, rebuilt where the check runs
/// (<see cref="RemoteFunction"/>). The common exception types come back as themselves, so a check that recognises
/// one (a stub's <see cref="NotImplementedException"/>, TorchSharp's type complaints) treats it as it would in one
/// process; any other comes back as this, naming the original type.
/// </summary>
public sealed class LearnerException : Exception
{
    /// <summary>The name of the type the learner's code threw, or null when the call could not be made at all (a
    /// function missing or with another signature).</summary>
    public string? TypeName { get; }

    /// <summary>An exception standing for one of type <paramref name="typeName"/>.</summary>
    public LearnerException(string? typeName, string message) : base(message) => TypeName = typeName;

    /// <summary>The exception to throw in the check's process for one of type <paramref name="typeName"/>.</summary>
    internal static Exception Rebuild(string typeName, string message) => typeName switch
    {
        nameof(NotImplementedException) => new NotImplementedException(message),
        nameof(ArgumentException) => new ArgumentException(message),
        nameof(ArgumentNullException) => new ArgumentNullException(null, message),
        nameof(ArgumentOutOfRangeException) => new ArgumentOutOfRangeException(null, message),
        nameof(InvalidOperationException) => new InvalidOperationException(message),
        nameof(IndexOutOfRangeException) => new IndexOutOfRangeException(message),
        nameof(NullReferenceException) => new NullReferenceException(message),
        nameof(DivideByZeroException) => new DivideByZeroException(message),
        nameof(KeyNotFoundException) => new KeyNotFoundException(message),
        nameof(FormatException) => new FormatException(message),
        nameof(OverflowException) => new OverflowException(message),
        nameof(InvalidCastException) => new InvalidCastException(message),
        nameof(OutOfMemoryException) => new OutOfMemoryException(message),
        nameof(ExternalException) => new ExternalException(message),
        _ => new LearnerException(typeName, message),
    };
}
