using Microsoft.Extensions.Options;

namespace RunbookHost.Server.Hosting;

/// <summary>Checks the host's settings at start; every failure names the setting.</summary>
internal sealed class RunbookOptionsValidator(IConfiguration configuration) : IValidateOptions<RunbookOptions>
{
    public ValidateOptionsResult Validate(string? name, RunbookOptions options)
    {
        var errors = new List<string>();
        if (!string.Equals(options.Drivers, DriverKinds.Lab, StringComparison.OrdinalIgnoreCase) && !string.Equals(options.Drivers, DriverKinds.Commands, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"Runbook:Drivers is '{options.Drivers}'; use {DriverKinds.Lab} or {DriverKinds.Commands}.");
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < options.Users.Count; i++)
        {
            var user = options.Users[i];
            string at = $"Runbook:Users:{i}";
            if (string.IsNullOrWhiteSpace(user.Name))
            {
                errors.Add($"{at}:Name is required.");
            }
            else if (!names.Add(user.Name))
            {
                errors.Add($"{at}:Name '{user.Name}' is used by another user.");
            }

            if (string.IsNullOrEmpty(user.ApiKey) == string.IsNullOrEmpty(user.ApiKeySha256))
            {
                errors.Add($"{at}: set exactly one of ApiKey or ApiKeySha256.");
            }
            else if (user.ApiKey is { Length: < 16 })
            {
                errors.Add($"{at}:ApiKey is too short; use at least 16 characters.");
            }
            else if (user.ApiKeySha256 is { } hash && !System.Text.RegularExpressions.Regex.IsMatch(hash, "^[0-9a-fA-F]{64}$"))
            {
                errors.Add($"{at}:ApiKeySha256 must be 64 hexadecimal characters.");
            }

            if (user.Roles.Count == 0)
            {
                errors.Add($"{at}:Roles must list at least one of {string.Join(", ", Roles.All)}.");
            }

            foreach (string role in user.Roles.Where(r => !Roles.All.Contains(r, StringComparer.OrdinalIgnoreCase)))
            {
                errors.Add($"{at}:Roles: '{role}' is not a role ({string.Join(", ", Roles.All)}).");
            }
        }

        if (options.Users.Count == 0 && !RunbookHostApp.DemoUsersAllowed(options, configuration))
        {
            errors.Add("Runbook:Users is empty. Configure users (Runbook:Users:0:Name, ApiKeySha256, Roles); demo users are created only when the host listens on loopback with the Lab drivers.");
        }

        if (options.FailedSignInsPerMinute < 1)
        {
            errors.Add("Runbook:FailedSignInsPerMinute must be at least 1.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
