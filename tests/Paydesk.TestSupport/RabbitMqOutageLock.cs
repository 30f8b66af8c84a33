using System.Diagnostics;

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
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                // FileShare.None takes an exclusive lock on the file that other processes see.
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (stopwatch.Elapsed < deadline)
            {
                await Task.Delay(200);
            }
        }
    }
}
