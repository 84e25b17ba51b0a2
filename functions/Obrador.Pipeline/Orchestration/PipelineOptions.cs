namespace Obrador.Pipeline.Orchestration;

/// <summary>Settings of the pipeline orchestration (section <c>Pipeline</c> in app settings).</summary>
public sealed record PipelineOptions
{
    /// <summary>NCRONTAB schedule of the <c>NightlyRun</c> timer trigger. Default <c>0 0 2 * * *</c> (02:00 UTC, before 06:00 local for the shops).</summary>
    public string NightlySchedule { get; init; } = "0 0 2 * * *";

    /// <summary>Name of the storage queue carrying stage messages. Default <c>pipeline-stages</c>.</summary>
    public string StageQueue { get; init; } = "pipeline-stages";

    /// <summary>Deliveries after which a failing stage message ends the run as failed (the host's <c>maxDequeueCount</c>). Default 5, range 1-100.</summary>
    public int MaxDequeueCount { get; init; } = 5;

    /// <summary>How many times the nightly trigger resumes a failed run before starting a fresh one instead. Default 2, range 0-10.</summary>
    public int MaxAutoResumes { get; init; } = 2;

    /// <summary>Throws when a setting is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Naming the setting.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(NightlySchedule) || NightlySchedule.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length != 6)
        {
            throw new ArgumentOutOfRangeException(nameof(NightlySchedule), NightlySchedule, "Expected a six-field NCRONTAB expression.");
        }

        if (string.IsNullOrWhiteSpace(StageQueue) || StageQueue.Length is < 3 or > 63 || StageQueue.Any(c => !(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')))
        {
            throw new ArgumentOutOfRangeException(nameof(StageQueue), StageQueue, "Queue names are 3-63 lowercase letters, digits or '-'.");
        }

        if (MaxDequeueCount is < 1 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxDequeueCount), MaxDequeueCount, "Expected 1-100.");
        }

        if (MaxAutoResumes is < 0 or > 10)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxAutoResumes), MaxAutoResumes, "Expected 0-10.");
        }
    }
}
