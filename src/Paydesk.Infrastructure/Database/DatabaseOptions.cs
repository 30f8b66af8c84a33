using System.ComponentModel.DataAnnotations;

namespace Paydesk.Infrastructure.Database;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>The <c>Database</c> section. The connection string itself is <c>ConnectionStrings:Paydesk</c>.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";
    public const string ConnectionStringKey = "ConnectionStrings:Paydesk";

    /// <summary><c>Sqlite</c> (the embedded default) or <c>Postgres</c>.</summary>
    [Required]
    public DatabaseProvider? Provider { get; set; }

    /// <summary>Apply pending migrations when the service starts (Development); otherwise run the <c>migrate</c> command.</summary>
    public bool MigrateOnStartup { get; set; }

    /// <summary>PostgreSQL connection pool size.</summary>
    [Range(1, 1000)]
    public int MaxPoolSize { get; set; } = 100;

    [Range(1, 600)]
    public int CommandTimeoutSeconds { get; set; } = 30;

    /// <summary>How often a PostgreSQL command that failed transiently is retried.</summary>
    [Range(0, 10)]
    public int MaxRetryCount { get; set; } = 3;

    /// <summary>
    /// How many of its most used statements each PostgreSQL connection keeps prepared (Npgsql's
    /// automatic preparation); 0 turns it off. A <c>Max Auto Prepare</c> in the connection string wins.
    /// </summary>
    [Range(0, 1000)]
    public int MaxAutoPrepare { get; set; } = 64;
}
