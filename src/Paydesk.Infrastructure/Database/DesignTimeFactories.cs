using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Paydesk.Infrastructure.Database;

// Used only by `dotnet ef migrations add`: the model is built without a live database.

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqlitePaydeskDbContext>
{
    public SqlitePaydeskDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlitePaydeskDbContext>()
            .UseSqlite("Data Source=design-time.db")
            .UseSnakeCaseNamingConvention()
            .Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresPaydeskDbContext>
{
    public PostgresPaydeskDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresPaydeskDbContext>()
            .UseNpgsql("Host=localhost;Database=paydesk_design_time")
            .UseSnakeCaseNamingConvention()
            .Options);
}
