namespace Paydesk.Bench.Tests;

/// <summary>The repository's root: the first directory above the test binaries holding Paydesk.slnx.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "Paydesk.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Paydesk.slnx in {AppContext.BaseDirectory} or any directory above it.");
    }
}
