using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace RunbookHost.Workflows.Journal;

/// <summary>
/// SHA-256 for the journal's hash chain, which hashes every record (a few hundred bytes) on the commit path.
/// </summary>
/// <remarks>
/// Where OpenSSL's libcrypto 3 is present (Linux), a hash is three calls to its SHA-256 functions over a
/// context on the stack (about 0.18 us for a record of 330 bytes). <see cref="IncrementalHash"/> goes
/// through the same library's EVP interface, which OpenSSL 3 sets up again on every hash (a provider
/// context freed and allocated: about 0.45 us). Elsewhere, and if libcrypto cannot be loaded or lacks
/// those functions, <see cref="IncrementalHash"/> is used. Both give the same digest; tests compare them.
/// </remarks>
internal static unsafe class Sha256
{
    public const int Size = 32;

    private static readonly OpenSsl? Native = OpenSsl.TryLoad();

    /// <summary>Whether OpenSSL's SHA-256 functions are used (otherwise <see cref="IncrementalHash"/>).</summary>
    public static bool UsesOpenSsl => Native is not null;

    [ThreadStatic]
    private static IncrementalHash? t_fallback;

    public static void Hash(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        if (destination.Length < Size)
        {
            throw new ArgumentException("The destination is shorter than a SHA-256 digest.", nameof(destination));
        }

        if (Native is { } native)
        {
            native.Hash(data, destination);
            return;
        }

        var fallback = t_fallback ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        fallback.AppendData(data);
        fallback.GetHashAndReset(destination);
    }

    /// <summary>libcrypto's <c>SHA256_Init</c>, <c>SHA256_Update</c> and <c>SHA256_Final</c>.</summary>
    private sealed class OpenSsl
    {
        /// <summary>Room for OpenSSL's <c>SHA256_CTX</c> (112 bytes) with a margin.</summary>
        private const int ContextSize = 256;

        public required delegate* unmanaged<byte*, int> Init { get; init; }

        public required delegate* unmanaged<byte*, byte*, nuint, int> Update { get; init; }

        public required delegate* unmanaged<byte*, byte*, int> Final { get; init; }

        public void Hash(ReadOnlySpan<byte> data, Span<byte> destination)
        {
            byte* context = stackalloc byte[ContextSize];
            bool ok;
            fixed (byte* input = data)
            fixed (byte* output = destination)
            {
                ok = Init(context) == 1 && Update(context, input, (nuint)data.Length) == 1 && Final(output, context) == 1;
            }

            if (!ok)
            {
                throw new CryptographicException("OpenSSL failed to compute a SHA-256 digest.");
            }
        }

        public static OpenSsl? TryLoad()
        {
            if (!OperatingSystem.IsLinux()
                || !NativeLibrary.TryLoad("libcrypto.so.3", out nint library)
                || !NativeLibrary.TryGetExport(library, "SHA256_Init", out nint init)
                || !NativeLibrary.TryGetExport(library, "SHA256_Update", out nint update)
                || !NativeLibrary.TryGetExport(library, "SHA256_Final", out nint final))
            {
                return null;
            }

            var native = new OpenSsl
            {
                Init = (delegate* unmanaged<byte*, int>)init,
                Update = (delegate* unmanaged<byte*, byte*, nuint, int>)update,
                Final = (delegate* unmanaged<byte*, byte*, int>)final,
            };

            // Trust it only once it agrees with the platform's implementation.
            Span<byte> expected = stackalloc byte[Size];
            Span<byte> actual = stackalloc byte[Size];
            SHA256.HashData("RunbookHost"u8, expected);
            try
            {
                native.Hash("RunbookHost"u8, actual);
            }
            catch (CryptographicException)
            {
                return null;
            }

            return actual.SequenceEqual(expected) ? native : null;
        }
    }
}
