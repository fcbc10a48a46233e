using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace RunbookHost.Workflows.Journal;

/// <summary>
/// SHA-256 for the journal's hash chain, which hashes every record (a few hundred bytes) on the commit path.
/// </summary>
/// <remarks>
/// Where OpenSSL 3's libcrypto is present (Linux), the digest is fetched once and each thread keeps one
/// digest context, so a hash is three calls into OpenSSL (init, update, final: about 0.2 us for a record).
/// <see cref="IncrementalHash"/> goes through the same library but sets up and checks more per call
/// (about 0.5 us). Elsewhere, and if OpenSSL 3 cannot be loaded, <see cref="IncrementalHash"/> is used.
/// Both give the same digest; tests compare them.
/// </remarks>
internal static unsafe class Sha256
{
    public const int Size = 32;

    private static readonly OpenSsl? Native = OpenSsl.TryLoad();

    /// <summary>Whether OpenSSL's EVP interface is used (otherwise <see cref="IncrementalHash"/>).</summary>
    public static bool UsesOpenSsl => Native is not null;

    [ThreadStatic]
    private static Context? t_context;

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
            var context = t_context ??= new Context(native);
            context.Hash(data, destination);
            return;
        }

        var fallback = t_fallback ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        fallback.AppendData(data);
        fallback.GetHashAndReset(destination);
    }

    /// <summary>One thread's EVP digest context; freed when the thread (and so this object) goes.</summary>
    private sealed class Context
    {
        private readonly OpenSsl _native;
        private readonly nint _ctx;

        public Context(OpenSsl native)
        {
            _native = native;
            _ctx = native.NewContext();
            if (_ctx == 0)
            {
                throw new CryptographicException("OpenSSL could not allocate a digest context.");
            }
        }

        ~Context() => _native.FreeContext(_ctx);

        public void Hash(ReadOnlySpan<byte> data, Span<byte> destination)
        {
            uint length = 0;
            bool ok;
            fixed (byte* input = data)
            fixed (byte* output = destination)
            {
                ok = _native.Init(_ctx, _native.Digest, 0) == 1
                    && _native.Update(_ctx, input, (nuint)data.Length) == 1
                    && _native.Final(_ctx, output, &length) == 1;
            }

            if (!ok || length != Size)
            {
                throw new CryptographicException("OpenSSL failed to compute a SHA-256 digest.");
            }
        }
    }

    /// <summary>The few libcrypto (OpenSSL 3) functions used, and the SHA-256 digest fetched once.</summary>
    private sealed class OpenSsl
    {
        public required nint Digest { get; init; }

        public required delegate* unmanaged<nint> NewContext { get; init; }

        public required delegate* unmanaged<nint, void> FreeContext { get; init; }

        public required delegate* unmanaged<nint, nint, nint, int> Init { get; init; }

        public required delegate* unmanaged<nint, byte*, nuint, int> Update { get; init; }

        public required delegate* unmanaged<nint, byte*, uint*, int> Final { get; init; }

        public static OpenSsl? TryLoad()
        {
            if (!OperatingSystem.IsLinux() || !NativeLibrary.TryLoad("libcrypto.so.3", out nint library))
            {
                return null;
            }

            if (!NativeLibrary.TryGetExport(library, "EVP_MD_fetch", out nint fetch)
                || !NativeLibrary.TryGetExport(library, "EVP_MD_CTX_new", out nint newContext)
                || !NativeLibrary.TryGetExport(library, "EVP_MD_CTX_free", out nint freeContext)
                || !NativeLibrary.TryGetExport(library, "EVP_DigestInit_ex2", out nint init)
                || !NativeLibrary.TryGetExport(library, "EVP_DigestUpdate", out nint update)
                || !NativeLibrary.TryGetExport(library, "EVP_DigestFinal_ex", out nint final))
            {
                return null;
            }

            nint digest;
            fixed (byte* name = "SHA256\0"u8)
            {
                digest = ((delegate* unmanaged<nint, byte*, byte*, nint>)fetch)(0, name, null);
            }

            if (digest == 0)
            {
                return null;
            }

            var native = new OpenSsl
            {
                Digest = digest,
                NewContext = (delegate* unmanaged<nint>)newContext,
                FreeContext = (delegate* unmanaged<nint, void>)freeContext,
                Init = (delegate* unmanaged<nint, nint, nint, int>)init,
                Update = (delegate* unmanaged<nint, byte*, nuint, int>)update,
                Final = (delegate* unmanaged<nint, byte*, uint*, int>)final,
            };

            // Trust it only once it agrees with the platform's implementation.
            Span<byte> expected = stackalloc byte[Size];
            Span<byte> actual = stackalloc byte[Size];
            SHA256.HashData("RunbookHost"u8, expected);
            try
            {
                new Context(native).Hash("RunbookHost"u8, actual);
            }
            catch (CryptographicException)
            {
                return null;
            }

            return actual.SequenceEqual(expected) ? native : null;
        }
    }
}
