namespace Paydesk.TestSupport;

/// <summary>
/// Test projects run at the same time against one node: the broker-outage test stops it, and the bench smoke
/// run needs it up from start to end. Both hold this lock (a file lock, so it works across processes).
/// </summary>
public static class RabbitMqOutageLock
{
    public static async Task<IDisposable> AcquireAsync(TimeSpan deadline)
    {
        var path = Path.Combine(Path.GetTempPath(), $"paydesk-rabbitmq-{new Uri(RabbitMqBroker.Uri).Port}.lock");
        var held = await Eventually.Until(() => Task.FromResult(TryLock(path)), stream => stream is not null, deadline, $"the lock {path}");
        return held!;
    }

    private static FileStream? TryLock(string path)
    {
        try
        {
            // FileShare.None takes an exclusive lock on the file that other processes see.
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }
}
