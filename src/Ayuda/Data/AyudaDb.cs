using Ayuda.Features.Customers;
using Ayuda.Features.Staff;
using Ayuda.Features.Tickets;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Ayuda.Data;

/// <summary>
/// The model, shared by both providers. Each provider has a sealed subclass with its own migrations
/// (EF Core's "migrations with multiple providers" approach).
/// </summary>
public abstract class AyudaDb(DbContextOptions options) : IdentityDbContext<StaffUser, IdentityRole, string>(options), IDataProtectionKeyContext
{
    /// <summary>Keys that protect cookies and API tokens; in the database so restarts and other hosts accept them.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<SupportAgreement> SupportAgreements => Set<SupportAgreement>();
    public DbSet<Contact> Contacts => Set<Contact>();
    public DbSet<Ticket> Tickets => Set<Ticket>();
    public DbSet<TimelineEntry> TimelineEntries => Set<TimelineEntry>();
    public DbSet<TicketCounter> TicketCounters => Set<TicketCounter>();
    public DbSet<TicketMessage> TicketMessages => Set<TicketMessage>();
    public DbSet<Attachment> Attachments => Set<Attachment>();
    public DbSet<AttachmentContent> AttachmentContents => Set<AttachmentContent>();
    public DbSet<Features.Notifications.OutboxMessage> Outbox => Set<Features.Notifications.OutboxMessage>();
    public DbSet<Features.Channels.InboundMessage> InboundMessages => Set<Features.Channels.InboundMessage>();
    public DbSet<WorkerLease> WorkerLeases => Set<WorkerLease>();
    public DbSet<Features.Incidents.Incident> Incidents => Set<Features.Incidents.Incident>();
    public DbSet<Features.Incidents.VersionUpdate> VersionUpdates => Set<Features.Incidents.VersionUpdate>();
    public DbSet<Features.Meetings.Meeting> Meetings => Set<Features.Meetings.Meeting>();
    public DbSet<Features.Notifications.StaffNotice> StaffNotices => Set<Features.Notifications.StaffNotice>();
    public DbSet<Features.Channels.ChannelAlert> ChannelAlerts => Set<Features.Channels.ChannelAlert>();
    public DbSet<Features.Channels.Phone.Call> Calls => Set<Features.Channels.Phone.Call>();
    public DbSet<Features.Channels.Phone.CallBack> CallBacks => Set<Features.Channels.Phone.CallBack>();
    public DbSet<Features.Settings.StoredSetting> Settings => Set<Features.Settings.StoredSetting>();
    public DbSet<Features.Templates.MessageTemplate> MessageTemplates => Set<Features.Templates.MessageTemplate>();
    public DbSet<Features.Consultations.Consultation> Consultations => Set<Features.Consultations.Consultation>();
    public DbSet<Features.Requirements.Requirement> Requirements => Set<Features.Requirements.Requirement>();
    public DbSet<Features.Requirements.RequirementFile> RequirementFiles => Set<Features.Requirements.RequirementFile>();
    public DbSet<Features.Feedback.FeedbackEntry> FeedbackEntries => Set<Features.Feedback.FeedbackEntry>();
    public DbSet<Features.OnCall.OnCallRotation> OnCallRotations => Set<Features.OnCall.OnCallRotation>();
    public DbSet<Features.OnCall.OnCallOverride> OnCallOverrides => Set<Features.OnCall.OnCallOverride>();
    public DbSet<Features.OnCall.Holiday> Holidays => Set<Features.OnCall.Holiday>();
    public DbSet<Features.OnCall.OnCallFeedToken> OnCallFeedTokens => Set<Features.OnCall.OnCallFeedToken>();
    public DbSet<Features.Procedures.ProcedureDocument> ProcedureDocuments => Set<Features.Procedures.ProcedureDocument>();
    public DbSet<Features.Procedures.ProcedureRevision> ProcedureRevisions => Set<Features.Procedures.ProcedureRevision>();
    public DbSet<Features.Intake.IntakeKey> IntakeKeys => Set<Features.Intake.IntakeKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AyudaDb).Assembly);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RefuseDeletingQualityRecords();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RefuseDeletingQualityRecords();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>Quality records are kept for good: a delete of one (directly or by cascade) fails before it reaches the database.</summary>
    private void RefuseDeletingQualityRecords()
    {
        foreach (var entry in ChangeTracker.Entries<IQualityRecord>())
        {
            if (entry.State == EntityState.Deleted)
            {
                throw new QualityRecordDeletionException(entry.Entity.GetType().Name, entry.Entity.Number);
            }
        }
    }
}
