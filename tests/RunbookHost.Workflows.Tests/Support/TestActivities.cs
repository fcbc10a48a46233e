using Microsoft.Extensions.DependencyInjection;
using RunbookHost.Workflows.Activities;

namespace RunbookHost.Workflows.Tests.Support;

/// <summary>A side-effect-free step that may wait at a gate; it records the order in which steps ran.</summary>
[Activity("Test.Step", "Test", "Step")]
internal sealed class StepActivity : Activity
{
    [Input(Required = true)]
    public Input<string> Key { get; } = new();

    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityExecutionContext context)
    {
        var world = context.Services.GetRequiredService<TestWorld>();
        string key = context.Get(Key);
        await world.PassAsync(key, context.CancellationToken);
        world.MaybeFail(key);
        world.Count(key);
        return context.Done();
    }
}

/// <summary>A command that must never run twice by itself (counts how often it ran).</summary>
[Activity("Test.Command", "Test", "Command", SideEffect = SideEffect.NonIdempotent)]
internal sealed class CommandActivity : Activity
{
    [Input(Required = true)]
    public Input<string> Key { get; } = new();

    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityExecutionContext context)
    {
        var world = context.Services.GetRequiredService<TestWorld>();
        string key = context.Get(Key);
        world.Count(key);
        await world.PassAsync(key, context.CancellationToken);
        world.MaybeFail(key);
        context.Record("CommandExecuted", $"ran {key}", new System.Text.Json.Nodes.JsonObject { ["exitCode"] = 0 });
        return context.Done();
    }
}

/// <summary>An idempotent command: safe to run again after a crash.</summary>
[Activity("Test.Idempotent", "Test", "Idempotent command", SideEffect = SideEffect.Idempotent)]
internal sealed class IdempotentActivity : Activity
{
    [Input(Required = true)]
    public Input<string> Key { get; } = new();

    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityExecutionContext context)
    {
        var world = context.Services.GetRequiredService<TestWorld>();
        string key = context.Get(Key);
        world.Count(key);
        await world.PassAsync(key, context.CancellationToken);
        world.MaybeFail(key);
        return context.Done();
    }
}

/// <summary>A storage flip: non-idempotent, but it can ask the "array" which site is R/W.</summary>
[Activity("Test.Flip", "Test", "Flip", SideEffect = SideEffect.NonIdempotent)]
internal sealed class FlipActivity : Activity, IReconcilableActivity
{
    [Input(Required = true)]
    public Input<string> Site { get; } = new();

    [Output(Description = "The site the array reports R/W; reconciliation reads it again.")]
    public Output<string> ReadWrite { get; } = new();

    [Output(Description = "What the failover command printed; only a run of the command has it.")]
    public Output<string> Transcript { get; } = new();

    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityExecutionContext context)
    {
        var world = context.Services.GetRequiredService<TestWorld>();
        string site = context.Get(Site);
        world.Count("flip");
        await world.PassAsync("flip", context.CancellationToken);
        world.ReadWriteSite = site;
        context.Set(ReadWrite, site);
        context.Set(Transcript, $"failover to {site}: ok");
        return context.Done();
    }

    public ValueTask<ReconcileResult> ReconcileAsync(ActivityExecutionContext context)
    {
        var world = context.Services.GetRequiredService<TestWorld>();
        string site = context.Get(Site);
        context.Set(ReadWrite, world.ReadWriteSite);
        return new(world.ReadWriteSite == site
            ? ReconcileResult.AlreadyDone($"The array reports {site} as R/W.")
            : ReconcileResult.NotDone($"The array reports {world.ReadWriteSite} as R/W, not {site}."));
    }
}

/// <summary>A non-idempotent step with retries by default: 3 attempts, 1 minute apart.</summary>
[Activity("Test.Flaky", "Test", "Flaky", SideEffect = SideEffect.NonIdempotent)]
[DefaultResilience(MaxAttempts = 3, Backoff = Models.BackoffKind.Constant, DelaySeconds = 60)]
internal sealed class FlakyActivity : Activity
{
    [Input(Required = true)]
    public Input<string> Key { get; } = new();

    [Output(Description = "What the command reported.")]
    public Output<string> Reading { get; } = new();

    public override ValueTask<ActivityResult> ExecuteAsync(ActivityExecutionContext context)
    {
        var world = context.Services.GetRequiredService<TestWorld>();
        string key = context.Get(Key);
        world.Count(key);
        // Like a real command: recorded as run, then judged (a failure throws after the record).
        context.Record("CommandExecuted", $"ran {key}, attempt {context.Attempt}", new System.Text.Json.Nodes.JsonObject { ["attempt"] = context.Attempt });
        world.MaybeFail(key);
        context.Set(Reading, $"{key} ok");
        return new(context.Done());
    }
}
