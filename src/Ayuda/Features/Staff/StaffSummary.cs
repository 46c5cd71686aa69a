namespace Ayuda.Features.Staff;

/// <summary>A staff member as lists, pages and the API show them.</summary>
public sealed record StaffSummary(
    string Id,
    string Email,
    string Name,
    IReadOnlyList<string> Roles,
    bool IsActive,
    string Language,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LockedUntil);

/// <summary>A page of results and the total count, for server-side paging.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int Total, int PageNumber, int PageSize);

/// <summary>Input for a new staff member; validated by <see cref="CreateStaffUser"/>.</summary>
public sealed record NewStaffUser(string? Email, string? Name, string? Password, IReadOnlyList<string>? Roles, string? Language = null);
