using System.Text;
using RunbookHost.Exchange.Commands;
using RunbookHost.Exchange.Topology;

namespace RunbookHost.Exchange.Storage;

/// <summary>
/// A command line written in a replication group's settings, e.g.
/// <c>mycli failover --group {group} --site {site} --password {password}</c>: split into words
/// (double quotes group words), placeholders replaced by <c>group</c>, <c>site</c> or any setting;
/// a word that is a secret setting's value is a secret argument.
/// </summary>
internal static class CommandTemplate
{
    public static RenderedCommand Render(string template, ReplicationGroup group, string? site)
    {
        var secrets = group.Secrets().ToHashSet(StringComparer.Ordinal);
        var words = Split(template).Select(w => Substitute(w, group, site)).ToList();
        if (words.Count == 0)
        {
            throw new PortException($"Replication group '{group.Name}': a command template is empty.");
        }

        return new RenderedCommand(words[0], words.Skip(1).Select(w => secrets.Contains(w) ? Arg.Secret(w) : Arg.Plain(w)).ToList());
    }

    public static IEnumerable<string> Split(string template)
    {
        var word = new StringBuilder();
        bool quoted = false;
        bool any = false;
        foreach (char c in template)
        {
            if (c == '"')
            {
                quoted = !quoted;
                any = true;
            }
            else if (char.IsWhiteSpace(c) && !quoted)
            {
                if (any)
                {
                    yield return word.ToString();
                }

                word.Clear();
                any = false;
            }
            else
            {
                word.Append(c);
                any = true;
            }
        }

        if (any)
        {
            yield return word.ToString();
        }
    }

    private static string Substitute(string word, ReplicationGroup group, string? site)
    {
        word = word.Replace("{group}", group.Name, StringComparison.OrdinalIgnoreCase);
        if (site is not null)
        {
            word = word.Replace("{site}", site, StringComparison.OrdinalIgnoreCase);
        }

        foreach (var (key, value) in group.Settings)
        {
            word = word.Replace("{" + key + "}", value, StringComparison.OrdinalIgnoreCase);
        }

        return word;
    }
}
