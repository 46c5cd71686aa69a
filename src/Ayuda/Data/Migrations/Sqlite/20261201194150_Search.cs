using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ayuda.Data.Migrations.Sqlite
{
    /// <summary>
    /// Full-text search (Features/Search): FTS5 tables kept by triggers, so every writer — the app, the demo seeder,
    /// a bulk loader with plain SQL — updates the index in the same transaction as the data. Hand-written: keep this
    /// SQL when migrations are regenerated. Subjects (alone, to rank them first), tickets (subject and description), messages and notes are external-content tables (the text is not
    /// stored twice); customers, contacts and incidents store their own text (a contact's emails live in another table).
    /// </summary>
    public partial class Search : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE VIEW SearchNoteSource AS
                    SELECT Id, Text FROM TimelineEntries
                    WHERE Kind IN ('Note', 'CallNote', 'ConsultationAsked', 'ConsultationAnswered', 'ConsultationClosed',
                                   'Resolved', 'CallBackScheduled', 'CallBackDone', 'RequirementGathered')
                      AND Text IS NOT NULL AND Text <> '';

                CREATE VIRTUAL TABLE SearchSubjects USING fts5(Subject, content='Tickets', content_rowid='Id',
                    tokenize='unicode61 remove_diacritics 2', prefix='2 3 4');
                CREATE VIRTUAL TABLE SearchTickets USING fts5(Subject, Description, content='Tickets', content_rowid='Id',
                    tokenize='unicode61 remove_diacritics 2', prefix='2 3 4');
                CREATE VIRTUAL TABLE SearchMessages USING fts5(Text, content='TicketMessages', content_rowid='Id',
                    tokenize='unicode61 remove_diacritics 2', prefix='2 3 4');
                CREATE VIRTUAL TABLE SearchNotes USING fts5(Text, content='SearchNoteSource', content_rowid='Id',
                    tokenize='unicode61 remove_diacritics 2', prefix='2 3 4');
                CREATE VIRTUAL TABLE SearchCustomers USING fts5(Name, Body, tokenize='unicode61 remove_diacritics 2', prefix='2 3 4');
                CREATE VIRTUAL TABLE SearchContacts USING fts5(Name, Emails, tokenize='unicode61 remove_diacritics 2', prefix='2 3 4');
                CREATE VIRTUAL TABLE SearchIncidents USING fts5(Title, Body, tokenize='unicode61 remove_diacritics 2', prefix='2 3 4');

                CREATE TRIGGER SearchSubjects_Insert AFTER INSERT ON Tickets BEGIN
                    INSERT INTO SearchSubjects(rowid, Subject) VALUES (new.Id, new.Subject);
                END;
                CREATE TRIGGER SearchSubjects_Delete AFTER DELETE ON Tickets BEGIN
                    INSERT INTO SearchSubjects(SearchSubjects, rowid, Subject) VALUES ('delete', old.Id, old.Subject);
                END;
                CREATE TRIGGER SearchSubjects_Update AFTER UPDATE OF Subject ON Tickets BEGIN
                    INSERT INTO SearchSubjects(SearchSubjects, rowid, Subject) VALUES ('delete', old.Id, old.Subject);
                    INSERT INTO SearchSubjects(rowid, Subject) VALUES (new.Id, new.Subject);
                END;

                CREATE TRIGGER SearchTickets_Insert AFTER INSERT ON Tickets BEGIN
                    INSERT INTO SearchTickets(rowid, Subject, Description) VALUES (new.Id, new.Subject, new.Description);
                END;
                CREATE TRIGGER SearchTickets_Delete AFTER DELETE ON Tickets BEGIN
                    INSERT INTO SearchTickets(SearchTickets, rowid, Subject, Description) VALUES ('delete', old.Id, old.Subject, old.Description);
                END;
                CREATE TRIGGER SearchTickets_Update AFTER UPDATE OF Subject, Description ON Tickets BEGIN
                    INSERT INTO SearchTickets(SearchTickets, rowid, Subject, Description) VALUES ('delete', old.Id, old.Subject, old.Description);
                    INSERT INTO SearchTickets(rowid, Subject, Description) VALUES (new.Id, new.Subject, new.Description);
                END;

                CREATE TRIGGER SearchMessages_Insert AFTER INSERT ON TicketMessages BEGIN
                    INSERT INTO SearchMessages(rowid, Text) VALUES (new.Id, new.Text);
                END;
                CREATE TRIGGER SearchMessages_Delete AFTER DELETE ON TicketMessages BEGIN
                    INSERT INTO SearchMessages(SearchMessages, rowid, Text) VALUES ('delete', old.Id, old.Text);
                END;
                CREATE TRIGGER SearchMessages_Update AFTER UPDATE OF Text ON TicketMessages BEGIN
                    INSERT INTO SearchMessages(SearchMessages, rowid, Text) VALUES ('delete', old.Id, old.Text);
                    INSERT INTO SearchMessages(rowid, Text) VALUES (new.Id, new.Text);
                END;

                CREATE TRIGGER SearchNotes_Insert AFTER INSERT ON TimelineEntries
                WHEN new.Id IN (SELECT Id FROM SearchNoteSource WHERE Id = new.Id) BEGIN
                    INSERT INTO SearchNotes(rowid, Text) VALUES (new.Id, new.Text);
                END;
                CREATE TRIGGER SearchNotes_Delete AFTER DELETE ON TimelineEntries
                WHEN old.Kind IN ('Note', 'CallNote', 'ConsultationAsked', 'ConsultationAnswered', 'ConsultationClosed',
                                  'Resolved', 'CallBackScheduled', 'CallBackDone', 'RequirementGathered')
                     AND old.Text IS NOT NULL AND old.Text <> '' BEGIN
                    INSERT INTO SearchNotes(SearchNotes, rowid, Text) VALUES ('delete', old.Id, old.Text);
                END;
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

                CREATE TRIGGER SearchCustomers_Insert AFTER INSERT ON Customers BEGIN
                    INSERT INTO SearchCustomers(rowid, Name, Body)
                    VALUES (new.Id, new.Name, new.TaxId || ' ' || replace(new.TaxId, '-', '') || ' ' || coalesce(new.Notes, ''));
                END;
                CREATE TRIGGER SearchCustomers_Delete AFTER DELETE ON Customers BEGIN
                    DELETE FROM SearchCustomers WHERE rowid = old.Id;
                END;
                CREATE TRIGGER SearchCustomers_Update AFTER UPDATE OF Name, TaxId, Notes ON Customers BEGIN
                    DELETE FROM SearchCustomers WHERE rowid = old.Id;
                    INSERT INTO SearchCustomers(rowid, Name, Body)
                    VALUES (new.Id, new.Name, new.TaxId || ' ' || replace(new.TaxId, '-', '') || ' ' || coalesce(new.Notes, ''));
                END;

                CREATE TRIGGER SearchContacts_Insert AFTER INSERT ON Contacts BEGIN
                    INSERT INTO SearchContacts(rowid, Name, Emails)
                    VALUES (new.Id, new.Name, (SELECT group_concat(Address, ' ') FROM ContactEmails WHERE ContactId = new.Id));
                END;
                CREATE TRIGGER SearchContacts_Delete AFTER DELETE ON Contacts BEGIN
                    DELETE FROM SearchContacts WHERE rowid = old.Id;
                END;
                CREATE TRIGGER SearchContacts_Update AFTER UPDATE OF Name ON Contacts BEGIN
                    DELETE FROM SearchContacts WHERE rowid = old.Id;
                    INSERT INTO SearchContacts(rowid, Name, Emails)
                    VALUES (new.Id, new.Name, (SELECT group_concat(Address, ' ') FROM ContactEmails WHERE ContactId = new.Id));
                END;
                CREATE TRIGGER SearchContactEmails_Insert AFTER INSERT ON ContactEmails BEGIN
                    DELETE FROM SearchContacts WHERE rowid = new.ContactId;
                    INSERT INTO SearchContacts(rowid, Name, Emails)
                    SELECT c.Id, c.Name, (SELECT group_concat(Address, ' ') FROM ContactEmails WHERE ContactId = c.Id) FROM Contacts c WHERE c.Id = new.ContactId;
                END;
                CREATE TRIGGER SearchContactEmails_Delete AFTER DELETE ON ContactEmails BEGIN
                    DELETE FROM SearchContacts WHERE rowid = old.ContactId;
                    INSERT INTO SearchContacts(rowid, Name, Emails)
                    SELECT c.Id, c.Name, (SELECT group_concat(Address, ' ') FROM ContactEmails WHERE ContactId = c.Id) FROM Contacts c WHERE c.Id = old.ContactId;
                END;
                CREATE TRIGGER SearchContactEmails_Update AFTER UPDATE ON ContactEmails BEGIN
                    DELETE FROM SearchContacts WHERE rowid IN (old.ContactId, new.ContactId);
                    INSERT INTO SearchContacts(rowid, Name, Emails)
                    SELECT c.Id, c.Name, (SELECT group_concat(Address, ' ') FROM ContactEmails WHERE ContactId = c.Id) FROM Contacts c WHERE c.Id IN (old.ContactId, new.ContactId);
                END;

                CREATE TRIGGER SearchIncidents_Insert AFTER INSERT ON Incidents BEGIN
                    INSERT INTO SearchIncidents(rowid, Title, Body) VALUES (new.Id, new.Number || ' ' || new.Title, new.Description);
                END;
                CREATE TRIGGER SearchIncidents_Delete AFTER DELETE ON Incidents BEGIN
                    DELETE FROM SearchIncidents WHERE rowid = old.Id;
                END;
                CREATE TRIGGER SearchIncidents_Update AFTER UPDATE OF Number, Title, Description ON Incidents BEGIN
                    DELETE FROM SearchIncidents WHERE rowid = old.Id;
                    INSERT INTO SearchIncidents(rowid, Title, Body) VALUES (new.Id, new.Number || ' ' || new.Title, new.Description);
                END;
                """);
            // What was there before this migration (SqliteSearchIndex.RebuildSql as it was when written, frozen here).
            migrationBuilder.Sql("""
                INSERT INTO SearchSubjects(SearchSubjects) VALUES ('rebuild');
                INSERT INTO SearchTickets(SearchTickets) VALUES ('rebuild');
                INSERT INTO SearchMessages(SearchMessages) VALUES ('rebuild');
                INSERT INTO SearchNotes(SearchNotes) VALUES ('rebuild');
                INSERT INTO SearchCustomers(rowid, Name, Body)
                    SELECT Id, Name, TaxId || ' ' || replace(TaxId, '-', '') || ' ' || coalesce(Notes, '') FROM Customers;
                INSERT INTO SearchContacts(rowid, Name, Emails)
                    SELECT c.Id, c.Name, (SELECT group_concat(Address, ' ') FROM ContactEmails WHERE ContactId = c.Id) FROM Contacts c;
                INSERT INTO SearchIncidents(rowid, Title, Body) SELECT Id, Number || ' ' || Title, Description FROM Incidents;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS SearchSubjects_Insert; DROP TRIGGER IF EXISTS SearchSubjects_Delete; DROP TRIGGER IF EXISTS SearchSubjects_Update;
                DROP TRIGGER IF EXISTS SearchTickets_Insert; DROP TRIGGER IF EXISTS SearchTickets_Delete; DROP TRIGGER IF EXISTS SearchTickets_Update;
                DROP TRIGGER IF EXISTS SearchMessages_Insert; DROP TRIGGER IF EXISTS SearchMessages_Delete; DROP TRIGGER IF EXISTS SearchMessages_Update;
                DROP TRIGGER IF EXISTS SearchNotes_Insert; DROP TRIGGER IF EXISTS SearchNotes_Delete;
                DROP TRIGGER IF EXISTS SearchNotes_UpdateOld; DROP TRIGGER IF EXISTS SearchNotes_UpdateNew;
                DROP TRIGGER IF EXISTS SearchCustomers_Insert; DROP TRIGGER IF EXISTS SearchCustomers_Delete; DROP TRIGGER IF EXISTS SearchCustomers_Update;
                DROP TRIGGER IF EXISTS SearchContacts_Insert; DROP TRIGGER IF EXISTS SearchContacts_Delete; DROP TRIGGER IF EXISTS SearchContacts_Update;
                DROP TRIGGER IF EXISTS SearchContactEmails_Insert; DROP TRIGGER IF EXISTS SearchContactEmails_Delete; DROP TRIGGER IF EXISTS SearchContactEmails_Update;
                DROP TRIGGER IF EXISTS SearchIncidents_Insert; DROP TRIGGER IF EXISTS SearchIncidents_Delete; DROP TRIGGER IF EXISTS SearchIncidents_Update;
                DROP TABLE IF EXISTS SearchSubjects; DROP TABLE IF EXISTS SearchTickets; DROP TABLE IF EXISTS SearchMessages; DROP TABLE IF EXISTS SearchNotes;
                DROP TABLE IF EXISTS SearchCustomers; DROP TABLE IF EXISTS SearchContacts; DROP TABLE IF EXISTS SearchIncidents;
                DROP VIEW IF EXISTS SearchNoteSource;
                """);
        }
    }
}
