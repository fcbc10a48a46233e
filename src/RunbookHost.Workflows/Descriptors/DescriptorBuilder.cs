using System.Reflection;
using System.Text.Json.Nodes;
using RunbookHost.Workflows.Activities;
using RunbookHost.Workflows.Expressions;
using RunbookHost.Workflows.Models;

namespace RunbookHost.Workflows.Descriptors;

/// <summary>Generates an activity's descriptor from its class and names its input and output handles.</summary>
internal static class DescriptorBuilder
{
    public static ActivityDescriptor Build(Activity activity)
    {
        var type = activity.GetType();
        var attribute = type.GetCustomAttribute<ActivityAttribute>()
            ?? throw new InvalidOperationException($"{type.Name} has no [Activity] attribute.");
        var resilience = type.GetCustomAttribute<DefaultResilienceAttribute>()?.ToSettings() ?? ResilienceSettings.None;

        var inputs = new List<InputDescriptor>();
        var outputs = new List<OutputDescriptor>();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetCustomAttribute<InputAttribute>() is { } input)
            {
                inputs.Add(DescribeInput(activity, property, input));
            }
            else if (property.GetCustomAttribute<OutputAttribute>() is { } output)
            {
                outputs.Add(DescribeOutput(activity, property, output));
            }
        }

        return new ActivityDescriptor
        {
            Type = attribute.Type,
            Category = attribute.Category,
            DisplayName = attribute.DisplayName,
            Description = attribute.Description,
            Inputs = inputs,
            Outputs = outputs,
            Outcomes = attribute.Outcomes,
            SideEffect = attribute.SideEffect,
            DefaultResilience = resilience,
            Reconcilable = activity is IReconcilableActivity,
            IsComposite = activity is CompositeActivity,
        };
    }

    private static InputDescriptor DescribeInput(Activity activity, PropertyInfo property, InputAttribute attribute)
    {
        var valueType = HandleType(property, typeof(Input<>));
        string name = attribute.Name ?? CamelCase(property.Name);
        if (Serialization.ActivityNodeConverter.Reserved.Contains(name))
        {
            throw new InvalidOperationException($"{activity.GetType().Name}.{property.Name}: an input cannot be named '{name}', which is a property of every activity in a definition.");
        }

        var handle = property.GetValue(activity) ?? throw new InvalidOperationException($"{activity.GetType().Name}.{property.Name} is not initialised.");
        handle.GetType().GetProperty(nameof(Input<int>.Name))!.SetValue(handle, name);
        var options = attribute.Options ?? (valueType.IsEnum ? Enum.GetNames(valueType) : null);
        return new InputDescriptor(
            name,
            ValueConverter.TypeName(valueType),
            attribute.Required,
            attribute.DefaultValue is null ? null : JsonValue.Create(attribute.DefaultValue),
            attribute.Description,
            options,
            attribute.DisplayName,
            attribute.UIHint);
    }

    private static OutputDescriptor DescribeOutput(Activity activity, PropertyInfo property, OutputAttribute attribute)
    {
        var valueType = HandleType(property, typeof(Output<>));
        string name = attribute.Name ?? CamelCase(property.Name);
        var handle = property.GetValue(activity) ?? throw new InvalidOperationException($"{activity.GetType().Name}.{property.Name} is not initialised.");
        handle.GetType().GetProperty(nameof(Output<int>.Name))!.SetValue(handle, name);
        return new OutputDescriptor(name, ValueConverter.TypeName(valueType), attribute.Description);
    }

    private static Type HandleType(PropertyInfo property, Type handle) =>
        property.PropertyType.IsGenericType && property.PropertyType.GetGenericTypeDefinition() == handle
            ? property.PropertyType.GetGenericArguments()[0]
            : throw new InvalidOperationException($"{property.DeclaringType!.Name}.{property.Name} must be of type {handle.Name.Split('`')[0]}<T>.");

    private static string CamelCase(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
