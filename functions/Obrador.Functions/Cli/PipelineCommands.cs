using System.CommandLine;
using System.Globalization;
using System.Text;
using Obrador.Lake.Storage;
using Obrador.Pipeline.Models;
using Obrador.Pipeline;
using Obrador.Pipeline.Etl;
using Obrador.Pipeline.Orchestration;
using Spectre.Console;

namespace Obrador.Functions.Cli;

/// <summary>
/// <c>obrador pipeline run [--resume ID]</c> and <c>obrador pipeline backfill --from D --to D</c>: run the nightly stage
/// graph in-process (<see cref="LocalPipelineRunner"/>) against the embedded stores (<c>--root</c>) or Azure
/// (<c>--storage</c> connection string), with a progress display, a timing per stage and the quality report.
/// </summary>
internal static class PipelineCommands
{
    /// <summary>The <c>pipeline</c> command with <c>run</c> and <c>backfill</c>.</summary>
    public static Command Build()
    {
        var storage = new Option<string?>("--storage") { Description = "Azure Storage connection string (default: embedded stores)" };
        var root = new Option<DirectoryInfo?>("--root") { Description = "Folder of the embedded stores (default: .obrador)" };
        var resume = new Option<string?>("--resume") { Description = "Resume this failed run id instead of starting a new one" };
        var from = new Option<DateOnly>("--from") { Description = "First business date to recompute (yyyy-MM-dd)", Required = true };
        var to = new Option<DateOnly>("--to") { Description = "Last business date to recompute (yyyy-MM-dd)", Required = true };

        var run = new Command("run", "Run silver → gold → quality-gate (→ train → promote → score → publish) in-process");
        run.Options.Add(storage);
        run.Options.Add(root);
        run.Options.Add(resume);
        run.SetAction((parse, ct) => ExecuteAsync(parse.GetValue(storage), parse.GetValue(root), parse.GetValue(resume), null, ct));

        var backfill = new Command("backfill", "Recompute exactly the partitions of a date range, idempotently");
        backfill.Options.Add(from);
        backfill.Options.Add(to);
        backfill.Options.Add(storage);
        backfill.Options.Add(root);
        backfill.SetAction((parse, ct) =>
        {
            var (f, t) = (parse.GetValue(from), parse.GetValue(to));
            if (t < f)
            {
                Console.Error.WriteLine("--to: must not be before --from");
                return Task.FromResult(2);
            }

            return ExecuteAsync(parse.GetValue(storage), parse.GetValue(root), null, (f, t), ct);
        });

        var pipeline = new Command("pipeline", "The nightly data pipeline");
        pipeline.Subcommands.Add(run);
        pipeline.Subcommands.Add(backfill);
        return pipeline;
    }

    private static async Task<int> ExecuteAsync(string? connection, DirectoryInfo? root, string? resumeId, (DateOnly From, DateOnly To)? range, CancellationToken ct)
    {
        var options = new StorageOptions { ConnectionString = connection };
        if (root is not null)
        {
            options = options with { LocalRoot = root.FullName };
        }

        using var backend = StorageFactory.Create(options);
        var clock = TimeProvider.System;
        var runner = new LocalPipelineRunner(DefaultPipeline.Create(new EtlOptions(), null, ModelStages.Create()), backend.Objects, backend.Tables, clock, new PipelineOptions());
        var pipelineRun = range is { } r ? RunIds.Create(clock.GetUtcNow(), RunMode.Backfill, r.From, r.To) : RunIds.Create(clock.GetUtcNow());
        AnsiConsole.MarkupLine($"[bold]{(resumeId ?? pipelineRun.RunId).EscapeMarkup()}[/] on {backend.Mode.EscapeMarkup()} ({backend.Objects.Describe.EscapeMarkup()})");

        RunReport report = null!;
        await AnsiConsole.Progress().AutoClear(false).StartAsync(async progressContext =>
        {
            var tasks = new Dictionary<string, ProgressTask>(StringComparer.Ordinal);
            var sink = new SyncProgress(p =>
            {
                if (!tasks.TryGetValue(p.Stage, out var task))
                {
                    tasks[p.Stage] = task = progressContext.AddTask(p.Stage, maxValue: p.Total);
                }

                task.Value = p.Done;
                task.Description = p.Record is null ? $"{p.Stage} [grey]{p.Partition.EscapeMarkup()}[/]" : p.Stage;
            });
            report = resumeId is null
                ? await runner.RunAsync(pipelineRun, sink, ct).ConfigureAwait(false)
                : await runner.ResumeAsync(resumeId, sink, ct).ConfigureAwait(false);
        }).ConfigureAwait(false);

        var table = new Table().AddColumns("stage", "partition", "status", "rows", "ms");
        foreach (var s in report.Stages)
        {
            table.AddRow(s.Stage, s.Partition.EscapeMarkup(), s.Status, s.Rows.ToString(CultureInfo.InvariantCulture), s.DurationMs.ToString(CultureInfo.InvariantCulture));
        }

        AnsiConsole.Write(table);
        foreach (var g in report.Stages.GroupBy(s => s.Stage))
        {
            AnsiConsole.MarkupLine($"{g.Key.EscapeMarkup()}: {g.Sum(s => s.DurationMs).ToString(CultureInfo.InvariantCulture)} ms");
        }

        foreach (var w in report.Stages.SelectMany(s => s.Warnings))
        {
            AnsiConsole.MarkupLine($"[yellow]warning[/] {w.EscapeMarkup()}");
        }

        await using (var summary = await backend.Objects.GetAsync(PipelinePaths.QualitySummary(report.Summary.Run.RunId), cancellationToken: ct).ConfigureAwait(false))
        {
            if (summary is not null)
            {
                using var reader = new StreamReader(summary.Content, Encoding.UTF8);
                Console.WriteLine(await reader.ReadToEndAsync(ct).ConfigureAwait(false));
            }
        }

        if (report.Succeeded)
        {
            AnsiConsole.MarkupLine($"[green]run {report.Summary.Run.RunId.EscapeMarkup()} succeeded[/]");
            return 0;
        }

        AnsiConsole.MarkupLine($"[red]run {report.Summary.Run.RunId.EscapeMarkup()} failed at {report.Summary.FailedStage?.EscapeMarkup()}: {report.Summary.Error?.EscapeMarkup()}[/]");
        AnsiConsole.MarkupLine($"resume with: obrador pipeline run --resume {report.Summary.Run.RunId.EscapeMarkup()}");
        return 1;
    }

    // Progress<T> would post to the thread pool and reorder updates; the display wants them in order.
    private sealed class SyncProgress(Action<StageProgress> report) : IProgress<StageProgress>
    {
        public void Report(StageProgress value) => report(value);
    }
}
