using System.Security.Cryptography;
using Ayuda.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Ayuda.Features.Staff;

/// <summary>
/// On start (after migrations): makes sure every role exists and, on an empty database, creates the first
/// SystemAdmin. A generated password goes to the console once, never to the logs.
/// </summary>
internal sealed class StaffBootstrap(
    IServiceScopeFactory scopes,
    IOptions<BootstrapOptions> options,
    ILogger<StaffBootstrap> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var role in Roles.All)
        {
            await EnsureRoleAsync(role);
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AyudaDb>();
        if (await db.Users.AnyAsync(cancellationToken))
        {
            return;
        }
        var settings = options.Value;
        var generated = string.IsNullOrEmpty(settings.AdminPassword);
        var password = generated ? GeneratePassword() : settings.AdminPassword!;
        var create = scope.ServiceProvider.GetRequiredService<CreateStaffUser>();
        Infrastructure.Outcome<StaffSummary> outcome;
        try
        {
            outcome = await create.ExecuteAsync(
                new NewStaffUser(settings.AdminEmail, settings.AdminName, password, [Roles.SystemAdmin]), cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Several hosts starting together on one empty PostgreSQL: another one created the first administrator.
            if (!await AnyUserAsync(cancellationToken))
            {
                throw;
            }
            logger.LogInformation("First SystemAdmin created by another host");
            return;
        }
        if (!outcome.Succeeded && await AnyUserAsync(cancellationToken))
        {
            // The same race, seen by Identity's own uniqueness check rather than the database's.
            logger.LogInformation("First SystemAdmin created by another host");
            return;
        }
        if (!outcome.Succeeded)
        {
            throw new InvalidOperationException(
                $"Could not create the first administrator from Ayuda:Bootstrap: {string.Join(" ", outcome.Messages)}");
        }
        logger.LogInformation("First SystemAdmin {Email} created", settings.AdminEmail);
        if (generated)
        {
            Console.WriteLine();
            Console.WriteLine("  First administrator created. This password is shown only once:");
            Console.WriteLine($"    email:    {settings.AdminEmail}");
            Console.WriteLine($"    password: {password}");
            Console.WriteLine("  Change it, or set Ayuda:Bootstrap:AdminPassword before the first start.");
            Console.WriteLine();
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Creates the role if missing; a host starting at the same moment may create it first, which is just as good.</summary>
    private async Task EnsureRoleAsync(string role)
    {
        await using var scope = scopes.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        if (await roles.RoleExistsAsync(role))
        {
            return;
        }
        IdentityResult created;
        try
        {
            created = await roles.CreateAsync(new IdentityRole(role));
        }
        catch (DbUpdateException e)
        {
            if (!await RoleExistsAsync(role))
            {
                logger.LogCritical(e, "Role {Role} could not be created; Ayuda does not start without it", role);
                throw new InvalidOperationException($"Role {role} could not be created: {e.InnerException?.Message ?? e.Message}", e);
            }
            logger.LogInformation("Role {Role} created by another host", role);
            return;
        }
        if (created.Succeeded)
        {
            return;
        }
        // Refused by Identity rather than the database: only "it exists now" (another host won the race) is fine.
        if (await RoleExistsAsync(role))
        {
            logger.LogInformation("Role {Role} created by another host", role);
            return;
        }
        var reasons = string.Join(" ", created.Errors.Select(e => $"{e.Code}: {e.Description}"));
        logger.LogCritical("Role {Role} could not be created ({Reasons}); Ayuda does not start without it", role, reasons);
        throw new InvalidOperationException($"Role {role} could not be created: {reasons}");
    }

    private async Task<bool> RoleExistsAsync(string role)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>().RoleExistsAsync(role);
    }

    private async Task<bool> AnyUserAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AyudaDb>().Users.AnyAsync(cancellationToken);
    }

    /// <summary>20 characters from a cryptographic source, with every class Identity's rules ask for.</summary>
    internal static string GeneratePassword()
    {
        const string lower = "abcdefghijkmnpqrstuvwxyz", upper = "ABCDEFGHJKLMNPQRSTUVWXYZ", digits = "23456789", symbols = "!#%+-=?@";
        const string all = lower + upper + digits + symbols;
        var chars = new char[20];
        chars[0] = lower[RandomNumberGenerator.GetInt32(lower.Length)];
        chars[1] = upper[RandomNumberGenerator.GetInt32(upper.Length)];
        chars[2] = digits[RandomNumberGenerator.GetInt32(digits.Length)];
        chars[3] = symbols[RandomNumberGenerator.GetInt32(symbols.Length)];
        for (var i = 4; i < chars.Length; i++)
        {
            chars[i] = all[RandomNumberGenerator.GetInt32(all.Length)];
        }
        RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);
    }
}
