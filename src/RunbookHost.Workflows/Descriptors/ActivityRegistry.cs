using RunbookHost.Workflows.Activities;

namespace RunbookHost.Workflows.Descriptors;

/// <summary>The activity types a host knows, by type name, each with its generated descriptor.</summary>
public sealed class ActivityRegistry
{
    private readonly Dictionary<string, Activity> _activities = new(StringComparer.Ordinal);

    public ActivityRegistry(IEnumerable<Activity> activities)
    {
        foreach (var activity in activities)
        {
            Add(activity);
        }
    }

    public IEnumerable<ActivityDescriptor> Descriptors => _activities.Values.Select(a => a.Descriptor).OrderBy(d => d.Category).ThenBy(d => d.Type);

    public Activity? Find(string type) => _activities.GetValueOrDefault(type);

    public Activity Get(string type) =>
        Find(type) ?? throw new InvalidOperationException($"Unknown activity type '{type}'.");

    private void Add(Activity activity)
    {
        var descriptor = DescriptorBuilder.Build(activity);
        if (_activities.TryGetValue(descriptor.Type, out var existing) && existing.GetType() != activity.GetType())
        {
            throw new InvalidOperationException($"Activity type '{descriptor.Type}' is declared by both {existing.GetType().Name} and {activity.GetType().Name}.");
        }

        activity.Descriptor = descriptor;
        _activities[descriptor.Type] = activity;
    }
}
