using Switchboard.Abstractions.Configuration;
using Switchboard.Core.Secrets;
using YamlDotNet.RepresentationModel;

namespace Switchboard.Core.Configuration;

/// <summary>Reads a platform's <c>api_key</c> and <c>keys</c>, resolves each value and seals it for storage.</summary>
/// <remarks>Secret values never reach a warning or an error message; only variable names, fields and lines do.</remarks>
internal sealed class PlatformKeyParser
{
    private readonly YamlFieldReader _reader;
    private readonly SecretSealer _sealer;
    private readonly Func<string, string?> _getEnvironmentVariable;

    public PlatformKeyParser(YamlFieldReader reader, SecretSealer sealer, Func<string, string?> getEnvironmentVariable)
    {
        _reader = reader;
        _sealer = sealer;
        _getEnvironmentVariable = getEnvironmentVariable;
    }

    public IReadOnlyList<ApiKeyConfig> Parse(string platformName, YamlField? apiKeyField, YamlField? keysField)
    {
        var keys = new List<ApiKeyConfig>();
        var seen = new HashSet<string>(StringComparer.Ordinal);

        if (apiKeyField is { } apiKey)
        {
            Add(keys, seen, platformName, apiKey.Key, apiKey.Path, _reader.String(apiKey), weight: 1, priority: 0, label: null, enabled: true, quota: null);
        }

        if (keysField is { } list)
        {
            ParseList(keys, seen, platformName, list);
        }

        return keys;
    }

    private void ParseList(List<ApiKeyConfig> keys, HashSet<string> seen, string platformName, YamlField field)
    {
        if (YamlFieldReader.IsNull(field.Value))
        {
            return;
        }

        if (field.Value is not YamlSequenceNode sequence)
        {
            throw _reader.Error(field.Key, field.Path, $"expected a list of keys, found {YamlFieldReader.Describe(field.Value)}");
        }

        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var item = sequence.Children[i];
            var path = $"{field.Path}[{i}]";
            switch (item)
            {
                case YamlScalarNode scalar:
                    Add(keys, seen, platformName, item, path, YamlFieldReader.IsNull(item) ? null : scalar.Value, 1, 0, null, true, null);
                    break;
                case YamlMappingNode mapping:
                    ParseItem(keys, seen, platformName, mapping, path);
                    break;
                default:
                    throw _reader.Error(item, path, "expected a key value or a map with key, weight, priority and label, found a list");
            }
        }
    }

    private void ParseItem(List<ApiKeyConfig> keys, HashSet<string> seen, string platformName, YamlMappingNode mapping, string path)
    {
        YamlField? value = null;
        int weight = 1, priority = 0;
        string? label = null;
        var enabled = true;
        KeyQuotaConfig? quota = null;

        foreach (var field in _reader.Fields(mapping, path))
        {
            switch (field.Name)
            {
                case "key" or "api_key":
                    value = field;
                    break;
                case "weight":
                    weight = _reader.Integer(field, 0) ?? 1;
                    break;
                case "priority":
                    priority = _reader.Integer(field, int.MinValue) ?? 0;
                    break;
                case "label":
                    label = _reader.String(field);
                    break;
                case "enabled":
                    enabled = _reader.Boolean(field) ?? true;
                    break;
                case "quota":
                    quota = KeyQuotaParser.Parse(_reader, field);
                    break;
                default:
                    _reader.WarnUnknown(field);
                    break;
            }
        }

        if (value is not { } keyField)
        {
            throw _reader.Error(mapping, YamlFieldReader.Join(path, "key"), "expected a key value: add key: '{ENV_VAR}' or a sealed ENC:v1: value");
        }

        Add(keys, seen, platformName, keyField.Key, keyField.Path, _reader.String(keyField), weight, priority, label, enabled, quota);
    }

    private void Add(
        List<ApiKeyConfig> keys,
        HashSet<string> seen,
        string platformName,
        YamlNode at,
        string path,
        string? raw,
        int weight,
        int priority,
        string? label,
        bool enabled,
        KeyQuotaConfig? quota)
    {
        var plaintext = Resolve(platformName, at, path, raw);
        if (string.IsNullOrEmpty(plaintext))
        {
            return;
        }

        if (!seen.Add(plaintext))
        {
            _reader.Warn(at, path, $"the same key is listed twice for platform {platformName}; the repeat is skipped");
            return;
        }

        keys.Add(new ApiKeyConfig
        {
            OwnerUserId = SystemUser.Id,
            Label = label,
            SealedValue = _sealer.Seal(plaintext, SecretContexts.PlatformKey(SystemUser.Id, platformName)),
            Masked = SecretMasker.Mask(plaintext),
            Weight = weight,
            Priority = priority,
            Status = enabled ? ApiKeyStatus.Active : ApiKeyStatus.Disabled,
            Quota = quota,
        });
    }

    private string? Resolve(string platformName, YamlNode at, string path, string? raw)
    {
        var value = raw?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (EnvironmentPlaceholders.TryMatchWhole(value, out var variable))
        {
            var fromEnvironment = _getEnvironmentVariable(variable)?.Trim();
            if (string.IsNullOrEmpty(fromEnvironment))
            {
                _reader.Warn(at, path, $"environment variable {variable} for platform {platformName} is not set; that key is skipped");
                return null;
            }

            // Classic deployments may put a sealed value in the variable itself.
            return SecretSealer.IsSealed(fromEnvironment)
                ? Open(fromEnvironment, at, path, $"the sealed value in environment variable {variable}")
                : fromEnvironment;
        }

        if (SecretSealer.IsSealed(value))
        {
            return Open(value, at, path, "the sealed value");
        }

        _reader.Warn(at, path, $"plain-text api_key for platform {platformName}; seal it with the `seal` command (`dotnet Switchboard.Server.dll seal`)");
        return value;
    }

    private string Open(string sealedValue, YamlNode at, string path, string what)
    {
        if (_sealer.TryUnseal(sealedValue, SecretContexts.File, out var plaintext, out var failure))
        {
            return plaintext;
        }

        var problem = failure == SecretUnsealFailure.KeyMismatch
            ? $"{what} cannot be opened: the master key does not match the key that sealed it, or the value was altered or sealed for another use. "
                + $"Set {MasterKeyResolver.EnvironmentVariable} (or {MasterKeyResolver.AliasEnvironmentVariable}) to the master key the `seal` command (`dotnet Switchboard.Server.dll seal`) used."
            : $"{what} cannot be opened. {SecretUnsealException.Describe(failure)}";
        throw _reader.Error(at, path, problem);
    }
}
