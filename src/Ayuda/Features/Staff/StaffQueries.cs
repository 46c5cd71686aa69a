using Ayuda.Data;
using Microsoft.EntityFrameworkCore;

namespace Ayuda.Features.Staff;

/// <summary>Reads of staff members; paged on the server.</summary>
public sealed class StaffQueries(IDbContextFactory<AyudaDb> contexts)
{
    public const int MaxPageSize = 200;

    public async Task<Page<StaffSummary>> ListAsync(string? search, int pageNumber, int pageSize, CancellationToken cancellationToken)
    {
        pageNumber = Math.Max(1, pageNumber);
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var users = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim().ToUpperInvariant();
            users = users.Where(u => u.NormalizedEmail!.Contains(term) || u.DisplayName.ToUpper().Contains(term));
        }
        var total = await users.CountAsync(cancellationToken);
        var page = await users
            .OrderBy(u => u.DisplayName).ThenBy(u => u.Id)
            .Skip((pageNumber - 1) * pageSize).Take(pageSize)
            .ToListAsync(cancellationToken);
        var roles = await RolesOfAsync(db, page.Select(u => u.Id).ToList(), cancellationToken);
        return new Page<StaffSummary>(page.Select(u => Summarise(u, roles)).ToList(), total, pageNumber, pageSize);
    }

    public async Task<StaffSummary?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is null)
        {
            return null;
        }
        return Summarise(user, await RolesOfAsync(db, [id], cancellationToken));
    }

    public async Task<int> CountActiveAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Users.CountAsync(u => u.IsActive, cancellationToken);
    }

    private static async Task<ILookup<string, string>> RolesOfAsync(AyudaDb db, List<string> userIds, CancellationToken cancellationToken)
    {
        var pairs = await (
            from ur in db.UserRoles
            join r in db.Roles on ur.RoleId equals r.Id
            where userIds.Contains(ur.UserId)
            select new { ur.UserId, r.Name }).ToListAsync(cancellationToken);
        return pairs.ToLookup(p => p.UserId, p => p.Name!);
    }

    private static StaffSummary Summarise(StaffUser u, ILookup<string, string> roles) => new(
        u.Id,
        u.Email ?? "",
        u.DisplayName,
        roles[u.Id].OrderBy(r => Roles.All.ToList().IndexOf(r)).ToList(),
        u.IsActive,
        u.Language,
        u.CreatedAt,
        u.LockoutEnd);
}
