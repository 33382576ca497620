using System.Buffers.Binary;
using System.Text;

namespace Course.Grading;

/// <summary>
/// The messages between the grader and the two processes it runs per submission, the learner's (sandboxed, running the
/// learner's cells and answering calls to their functions) and the check's (running the kit's checks). Each message
/// is a frame: a 4-byte little-endian payload length, a kind byte, the payload. The grader reads every frame, relays
/// calls and answers between the two, and takes results only from the check's process; a frame longer than
/// <see cref="MaxPayload"/> ends the conversation. Compiled into Course.Kit and, as a linked source, into the grader
/// (which does not load the kit), so both sides share one definition.
/// </summary>
public static class Frames
{
    /// <summary>The longest payload accepted: 16 MiB, the output limit of a submission.</summary>
    public const int MaxPayload = 16 << 20;

    /// <summary>Learner → grader: the set-up cells ran.</summary>
    public const byte Hello = (byte)'H';
    /// <summary>Learner → grader: a set-up cell failed (payload: the error).</summary>
    public const byte SetupFailed = (byte)'S';
    /// <summary>Learner → grader: an exercise's cells start (payload: the exercise id).</summary>
    public const byte Begin = (byte)'B';
    /// <summary>Learner → grader: an exercise's cells ran and its functions answer calls (payload: the exercise id).</summary>
    public const byte Ready = (byte)'Y';
    /// <summary>Learner → grader: an exercise's functions could not be found (payload: id, a newline, the error).</summary>
    public const byte Unavailable = (byte)'U';
    /// <summary>Learner → grader: an exercise's cell overran the time limit (payload: the id).</summary>
    public const byte TimedOut = (byte)'T';
    /// <summary>Learner → grader: every exercise was served.</summary>
    public const byte Done = (byte)'D';
    /// <summary>Check → grader → learner: call a function (payload: the call, as the check's RemoteFunction writes it).</summary>
    public const byte Call = (byte)'C';
    /// <summary>Learner → grader → check: a call's answer.</summary>
    public const byte Answer = (byte)'A';
    /// <summary>Grader → learner: the current exercise is checked; run the next one.</summary>
    public const byte Next = (byte)'N';
    /// <summary>Grader → check: check an exercise (payload: its id).</summary>
    public const byte Go = (byte)'G';
    /// <summary>Check → grader: an exercise's result (payload: JSON of id, status, message).</summary>
    public const byte Result = (byte)'R';

    /// <summary>Writes one frame and flushes it.</summary>
    public static void Write(Stream stream, byte kind, ReadOnlySpan<byte> payload)
    {
        if (payload.Length > MaxPayload) throw new InvalidDataException($"a message of {payload.Length} bytes is over the limit of {MaxPayload}.");
        var frame = new byte[5 + payload.Length];
        BinaryPrimitives.WriteInt32LittleEndian(frame, payload.Length);
        frame[4] = kind;
        payload.CopyTo(frame.AsSpan(5));
        // One write per frame, so frames from two threads of one process never interleave mid-frame.
        lock (stream)
        {
            stream.Write(frame);
            stream.Flush();
        }
    }

    /// <summary>Writes one frame with a text payload (UTF-8).</summary>
    public static void Write(Stream stream, byte kind, string text) => Write(stream, kind, Encoding.UTF8.GetBytes(text));

    /// <summary>Reads one frame; null at the end of the stream.</summary>
    /// <exception cref="InvalidDataException">a frame over the limit, or the stream ended inside one.</exception>
    public static (byte Kind, byte[] Payload)? Read(Stream stream)
    {
        var header = new byte[5];
        int got = stream.ReadAtLeast(header, 5, throwOnEndOfStream: false);
        if (got == 0) return null;
        if (got < 5) throw new InvalidDataException("the stream ended inside a message.");
        var payload = new byte[Length(header)];
        stream.ReadExactly(payload);
        return (header[4], payload);
    }

    /// <summary>Reads one frame; null at the end of the stream.</summary>
    /// <exception cref="InvalidDataException">a frame over the limit, or the stream ended inside one.</exception>
    public static async Task<(byte Kind, byte[] Payload)?> ReadAsync(Stream stream, CancellationToken cancel = default)
    {
        var header = new byte[5];
        int got = await stream.ReadAtLeastAsync(header, 5, throwOnEndOfStream: false, cancel);
        if (got == 0) return null;
        if (got < 5) throw new InvalidDataException("the stream ended inside a message.");
        var payload = new byte[Length(header)];
        await stream.ReadExactlyAsync(payload, cancel);
        return (header[4], payload);
    }

    /// <summary>A text payload.</summary>
    public static string Text(byte[] payload) => Encoding.UTF8.GetString(payload);

    private static int Length(byte[] header)
    {
        int length = BinaryPrimitives.ReadInt32LittleEndian(header);
        if (length < 0 || length > MaxPayload) throw new InvalidDataException($"a message of {length} bytes is over the limit of {MaxPayload}.");
        return length;
    }
}
