using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ayuda.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SearchNoteEdits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Hand-written. The Search migration kept a note's index with two triggers on the same update; SQLite runs the
            // one created last first, so the new text was added before the old one was removed and the removal cancelled
            // every word the two texts share. One trigger now removes the old text, then adds the new.
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS SearchNotes_UpdateOld;
                DROP TRIGGER IF EXISTS SearchNotes_UpdateNew;
                CREATE TRIGGER SearchNotes_Update AFTER UPDATE OF Kind, Text ON TimelineEntries BEGIN
                    INSERT INTO SearchNotes(SearchNotes, rowid, Text)
                        SELECT 'delete', old.Id, old.Text
                        WHERE old.Kind IN ('Note', 'CallNote', 'ConsultationAsked', 'ConsultationAnswered', 'ConsultationClosed',
                                 'Resolved', 'CallBackScheduled', 'CallBackDone', 'RequirementGathered')
                          AND old.Text IS NOT NULL AND old.Text <> '';
                    INSERT INTO SearchNotes(rowid, Text)
                        SELECT new.Id, new.Text
                        WHERE new.Id IN (SELECT Id FROM SearchNoteSource WHERE Id = new.Id);
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS SearchNotes_Update;
                CREATE TRIGGER SearchNotes_UpdateOld AFTER UPDATE OF Kind, Text ON TimelineEntries
                WHEN old.Kind IN ('Note', 'CallNote', 'ConsultationAsked', 'ConsultationAnswered', 'ConsultationClosed',
                                 'Resolved', 'CallBackScheduled', 'CallBackDone', 'RequirementGathered')
                     AND old.Text IS NOT NULL AND old.Text <> '' BEGIN
                    INSERT INTO SearchNotes(SearchNotes, rowid, Text) VALUES ('delete', old.Id, old.Text);
                END;
                CREATE TRIGGER SearchNotes_UpdateNew AFTER UPDATE OF Kind, Text ON TimelineEntries
                WHEN new.Id IN (SELECT Id FROM SearchNoteSource WHERE Id = new.Id) BEGIN
                    INSERT INTO SearchNotes(rowid, Text) VALUES (new.Id, new.Text);
                END;
                """);
        }
    }
}
