using System.Security.Cryptography;
using RunbookHost.Workflows.Journal;

namespace RunbookHost.Workflows.Tests.Journal;

[TestClass]
public sealed class Sha256Tests
{
    [TestMethod]
    public void Hash_InputsOfEveryLengthAroundTheBlockSize_EqualsThePlatformsSha256()
    {
        var random = new Random(7);
        Span<byte> actual = stackalloc byte[Sha256.Size];
        Span<byte> expected = stackalloc byte[Sha256.Size];
        foreach (int length in Enumerable.Range(0, 300).Concat([1_000, 4_096, 65_537, 1_000_000]))
        {
            byte[] data = new byte[length];
            random.NextBytes(data);

            Sha256.Hash(data, actual);

            SHA256.HashData(data, expected);
            Assert.IsTrue(actual.SequenceEqual(expected), $"length {length}");
        }
    }

    [TestMethod]
    public async Task Hash_ManyThreadsAtOnce_EachGetsItsOwnRightDigest()
    {
        var inputs = Enumerable.Range(0, 64).Select(i => Enumerable.Repeat((byte)i, 200 + i).ToArray()).ToArray();

        var results = await Task.WhenAll(inputs.Select(input => Task.Run(() =>
        {
            byte[] digest = new byte[Sha256.Size];
            for (int i = 0; i < 2_000; i++)
            {
                Sha256.Hash(input, digest);
            }

            return digest;
        })));

        for (int i = 0; i < inputs.Length; i++)
        {
            CollectionAssert.AreEqual(SHA256.HashData(inputs[i]), results[i], $"input {i}");
        }
    }

    [TestMethod]
    public void UsesOpenSsl_OnLinux_IsTrue()
    {
        // The fast path is what the engine's figures are measured with; losing it silently would slow every commit.
        if (!OperatingSystem.IsLinux())
        {
            Assert.Inconclusive("OpenSSL's SHA-256 functions are used on Linux only.");
        }

        Assert.IsTrue(Sha256.UsesOpenSsl);
    }

    [TestMethod]
    public void Hash_DestinationTooShort_IsRefused()
    {
        byte[] shortDestination = new byte[16];

        Assert.ThrowsExactly<ArgumentException>(() => Sha256.Hash("x"u8, shortDestination));
    }
}
