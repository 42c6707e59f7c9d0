using Switchboard.Core.Secrets;

namespace Switchboard.Core.Tests.Secrets;

public sealed class MasterKeyVerifierTests
{
    private const string OriginalKey = "original-master-key";
    private const string WrongKey = "freshly-generated-key";

    [Fact]
    public void Verify_NoCheckAndNoData_CreatesCheckForTheCurrentKey()
    {
        var sealer = new SecretSealer(OriginalKey);

        var result = MasterKeyVerifier.Verify(sealer, storedCheckValue: null, sealedDataExists: false);

        Assert.Equal(MasterKeyVerificationOutcome.Created, result.Outcome);
        Assert.NotNull(result.CheckValueToStore);
        Assert.True(sealer.TryUnseal(result.CheckValueToStore, SecretContexts.MasterKeyCheck, out _));
    }

    [Fact]
    public void Verify_StoredCheckAndSameKey_Verifies()
    {
        var check = MasterKeyVerifier.CreateCheck(new SecretSealer(OriginalKey));

        var result = MasterKeyVerifier.Verify(new SecretSealer(OriginalKey), check, sealedDataExists: true);

        Assert.Equal(MasterKeyVerificationOutcome.Verified, result.Outcome);
        Assert.Null(result.CheckValueToStore);
    }

    [Fact]
    public void Verify_StoredCheckAndWrongKey_ThrowsLoudMismatch()
    {
        var check = MasterKeyVerifier.CreateCheck(new SecretSealer(OriginalKey));

        var error = Assert.Throws<InvalidOperationException>(
            () => MasterKeyVerifier.Verify(new SecretSealer(WrongKey), check, sealedDataExists: true));

        Assert.StartsWith("The master key does not match the key that sealed the stored secrets.", error.Message, StringComparison.Ordinal);
        Assert.Contains("SWITCHBOARD_MASTER_KEY", error.Message, StringComparison.Ordinal);
        Assert.Contains("LLM_KEY", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not configured", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(OriginalKey, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(WrongKey, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_WrongKeyThatWasJustGenerated_NamesTheFileAndTheLikelyCause()
    {
        var check = MasterKeyVerifier.CreateCheck(new SecretSealer(OriginalKey));
        var resolution = new MasterKeyResolution(WrongKey, MasterKeySource.Generated, "/data/switchboard.master.key");

        var error = Assert.Throws<InvalidOperationException>(
            () => MasterKeyVerifier.Verify(new SecretSealer(WrongKey), check, sealedDataExists: true, resolution));

        Assert.Contains("/data/switchboard.master.key", error.Message, StringComparison.Ordinal);
        Assert.Contains("generated on this start", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(WrongKey, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_SealedDataWithoutCheck_CreatesCheckWithoutTrying()
    {
        var result = MasterKeyVerifier.Verify(new SecretSealer(OriginalKey), storedCheckValue: null, sealedDataExists: true);

        Assert.Equal(MasterKeyVerificationOutcome.CreatedUnverified, result.Outcome);
        Assert.NotNull(result.CheckValueToStore);
    }

    [Fact]
    public void Verify_CheckSealedForAnotherContext_Throws()
    {
        var sealer = new SecretSealer(OriginalKey);
        var misplaced = sealer.Seal("switchboard master key check v1", SecretContexts.File);

        Assert.Throws<InvalidOperationException>(() => MasterKeyVerifier.Verify(sealer, misplaced, sealedDataExists: true));
    }

    [Fact]
    public void Verify_CheckWithUnknownVersion_ThrowsReadableError()
    {
        var error = Assert.Throws<InvalidOperationException>(
            () => MasterKeyVerifier.Verify(new SecretSealer(OriginalKey), "ENC:v7:AAAA", sealedDataExists: true));

        Assert.Contains("cannot be read", error.Message, StringComparison.Ordinal);
    }
}
