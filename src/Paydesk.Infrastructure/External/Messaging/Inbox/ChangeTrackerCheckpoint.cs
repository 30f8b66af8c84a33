using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Paydesk.Infrastructure.External.Messaging.Inbox;

/// <summary>
/// What a context had pending before one handler call, so that a call that throws can be undone
/// in memory while the other events of its batch keep their effects for the batch's commit.
/// </summary>
internal sealed class ChangeTrackerCheckpoint
{
    private readonly Dictionary<object, (EntityState State, PropertyValues Values)> _pending;

    private ChangeTrackerCheckpoint(Dictionary<object, (EntityState, PropertyValues)> pending) => _pending = pending;

    public static ChangeTrackerCheckpoint Take(DbContext db)
    {
        db.ChangeTracker.DetectChanges();
        var pending = new Dictionary<object, (EntityState, PropertyValues)>(ReferenceEqualityComparer.Instance);
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is not EntityState.Unchanged and not EntityState.Detached)
            {
                pending[entry.Entity] = (entry.State, entry.CurrentValues.Clone());
            }
        }

        return new ChangeTrackerCheckpoint(pending);
    }

    /// <summary>Puts every tracked entity back as it was at <see cref="Take"/>: new ones detached, changed ones reverted.</summary>
    public void Restore(DbContext db)
    {
        db.ChangeTracker.DetectChanges();
        foreach (var entry in db.ChangeTracker.Entries().ToList())
        {
            if (_pending.TryGetValue(entry.Entity, out var before))
            {
                entry.CurrentValues.SetValues(before.Values);
                entry.State = before.State;
            }
            else if (entry.State == EntityState.Added)
            {
                entry.State = EntityState.Detached;
            }
            else if (entry.State is EntityState.Modified or EntityState.Deleted)
            {
                entry.CurrentValues.SetValues(entry.OriginalValues);
                entry.State = EntityState.Unchanged;
            }
        }
    }
}
