using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ayuda.Data.Migrations.Postgres
{
    /// <summary>
    /// Full-text search (Features/Search): a Spanish text search configuration that ignores accents, two tsvector
    /// tables with GIN indexes, and triggers that keep them in the same transaction as the data, whoever writes it (the
    /// app, the demo seeder, a bulk loader with plain SQL). Hand-written: keep this SQL when migrations are regenerated.
    /// Needs the unaccent extension (contrib): the migration creates it, which takes a superuser or a database owner
    /// allowed to create trusted extensions.
    /// </summary>
    public partial class Search : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE EXTENSION IF NOT EXISTS unaccent;
                CREATE TEXT SEARCH CONFIGURATION ayuda_search (COPY = pg_catalog.spanish);
                ALTER TEXT SEARCH CONFIGURATION ayuda_search
                    ALTER MAPPING FOR hword, hword_part, word, asciiword, asciihword, hword_asciipart WITH unaccent, spanish_stem;
                -- Words with digits ("contraseña2") are not stemmed, but their accents go too.
                ALTER TEXT SEARCH CONFIGURATION ayuda_search
                    ALTER MAPPING FOR numword, numhword, hword_numpart WITH unaccent, simple;

                -- Ticket text: Source 1 = the ticket (subject A, description B), 2 = a message (C), 3 = a note for staff (D).
                CREATE TABLE "SearchTicketEntries" (
                    "Source" smallint NOT NULL,
                    "SourceId" bigint NOT NULL,
                    "TicketId" bigint NOT NULL,
                    "Document" tsvector NOT NULL,
                    CONSTRAINT "PK_SearchTicketEntries" PRIMARY KEY ("Source", "SourceId"));
                CREATE INDEX "IX_SearchTicketEntries_Document" ON "SearchTicketEntries" USING gin ("Document");
                CREATE INDEX "IX_SearchTicketEntries_TicketId" ON "SearchTicketEntries" ("TicketId");

                -- Kind 1 = customer (name A; CUIT and notes B), 2 = contact (name A; emails B), 3 = incident (number and title A; description B).
                CREATE TABLE "SearchDirectoryEntries" (
                    "Kind" smallint NOT NULL,
                    "SourceId" bigint NOT NULL,
                    "Document" tsvector NOT NULL,
                    CONSTRAINT "PK_SearchDirectoryEntries" PRIMARY KEY ("Kind", "SourceId"));
                CREATE INDEX "IX_SearchDirectoryEntries_Document" ON "SearchDirectoryEntries" USING gin ("Document");

                CREATE FUNCTION search_ticket_document(subject text, description text) RETURNS tsvector LANGUAGE sql STABLE AS $$
                    SELECT setweight(to_tsvector('ayuda_search', coalesce(subject, '')), 'A')
                        || setweight(to_tsvector('ayuda_search', coalesce(description, '')), 'B') $$;
                CREATE FUNCTION search_is_note(kind text) RETURNS boolean LANGUAGE sql STABLE AS $$
                    SELECT kind IN ('Note', 'CallNote', 'ConsultationAsked', 'ConsultationAnswered', 'ConsultationClosed',
                                    'Resolved', 'CallBackScheduled', 'CallBackDone', 'RequirementGathered') $$;
                CREATE FUNCTION search_customer_document(name text, tax_id text, notes text) RETURNS tsvector LANGUAGE sql STABLE AS $$
                    SELECT setweight(to_tsvector('ayuda_search', coalesce(name, '')), 'A')
                        || setweight(to_tsvector('ayuda_search', coalesce(replace(tax_id, '-', ' '), '') || ' ' || coalesce(replace(tax_id, '-', ''), '')
                                                 || ' ' || coalesce(notes, '')), 'B') $$;
                CREATE FUNCTION search_contact_document(contact_id integer) RETURNS tsvector LANGUAGE sql STABLE AS $$
                    SELECT setweight(to_tsvector('ayuda_search', c."Name"), 'A')
                        || setweight(to_tsvector('ayuda_search', coalesce((SELECT string_agg(replace(e."Address", '@', ' '), ' ')
                                                                         FROM "ContactEmails" e WHERE e."ContactId" = c."Id"), '')), 'B')
                    FROM "Contacts" c WHERE c."Id" = contact_id $$;
                CREATE FUNCTION search_incident_document(number text, title text, description text) RETURNS tsvector LANGUAGE sql STABLE AS $$
                    SELECT setweight(to_tsvector('ayuda_search', coalesce(number, '') || ' ' || replace(coalesce(number, ''), '-', ' ') || ' ' || coalesce(title, '')), 'A')
                        || setweight(to_tsvector('ayuda_search', coalesce(description, '')), 'B') $$;

                CREATE FUNCTION search_index_ticket() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'DELETE' THEN
                        DELETE FROM "SearchTicketEntries" WHERE "Source" = 1 AND "SourceId" = OLD."Id";
                        RETURN OLD;
                    END IF;
                    INSERT INTO "SearchTicketEntries" VALUES (1, NEW."Id", NEW."Id", search_ticket_document(NEW."Subject", NEW."Description"))
                        ON CONFLICT ("Source", "SourceId") DO UPDATE SET "Document" = EXCLUDED."Document";
                    RETURN NEW;
                END $$;
                CREATE TRIGGER search_index_ticket AFTER INSERT OR DELETE OR UPDATE OF "Subject", "Description" ON "Tickets"
                    FOR EACH ROW EXECUTE FUNCTION search_index_ticket();

                CREATE FUNCTION search_index_message() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'DELETE' THEN
                        DELETE FROM "SearchTicketEntries" WHERE "Source" = 2 AND "SourceId" = OLD."Id";
                        RETURN OLD;
                    END IF;
                    INSERT INTO "SearchTicketEntries" VALUES (2, NEW."Id", NEW."TicketId", setweight(to_tsvector('ayuda_search', coalesce(NEW."Text", '')), 'C'))
                        ON CONFLICT ("Source", "SourceId") DO UPDATE SET "Document" = EXCLUDED."Document", "TicketId" = EXCLUDED."TicketId";
                    RETURN NEW;
                END $$;
                CREATE TRIGGER search_index_message AFTER INSERT OR DELETE OR UPDATE OF "Text", "TicketId" ON "TicketMessages"
                    FOR EACH ROW EXECUTE FUNCTION search_index_message();

                CREATE FUNCTION search_index_note() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP <> 'INSERT' THEN
                        DELETE FROM "SearchTicketEntries" WHERE "Source" = 3 AND "SourceId" = OLD."Id";
                    END IF;
                    IF TG_OP = 'DELETE' THEN
                        RETURN OLD;
                    END IF;
                    IF search_is_note(NEW."Kind") AND coalesce(NEW."Text", '') <> '' THEN
                        INSERT INTO "SearchTicketEntries" VALUES (3, NEW."Id", NEW."TicketId", setweight(to_tsvector('ayuda_search', NEW."Text"), 'D'));
                    END IF;
                    RETURN NEW;
                END $$;
                CREATE TRIGGER search_index_note AFTER INSERT OR DELETE OR UPDATE OF "Kind", "Text", "TicketId" ON "TimelineEntries"
                    FOR EACH ROW EXECUTE FUNCTION search_index_note();

                CREATE FUNCTION search_index_customer() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'DELETE' THEN
                        DELETE FROM "SearchDirectoryEntries" WHERE "Kind" = 1 AND "SourceId" = OLD."Id";
                        RETURN OLD;
                    END IF;
                    INSERT INTO "SearchDirectoryEntries" VALUES (1, NEW."Id", search_customer_document(NEW."Name", NEW."TaxId", NEW."Notes"))
                        ON CONFLICT ("Kind", "SourceId") DO UPDATE SET "Document" = EXCLUDED."Document";
                    RETURN NEW;
                END $$;
                CREATE TRIGGER search_index_customer AFTER INSERT OR DELETE OR UPDATE OF "Name", "TaxId", "Notes" ON "Customers"
                    FOR EACH ROW EXECUTE FUNCTION search_index_customer();

                -- A contact's entry is rebuilt when the contact or one of its emails changes.
                CREATE FUNCTION search_index_contact(contact_id integer) RETURNS void LANGUAGE plpgsql AS $$
                DECLARE document tsvector := search_contact_document(contact_id);
                BEGIN
                    IF document IS NULL THEN
                        DELETE FROM "SearchDirectoryEntries" WHERE "Kind" = 2 AND "SourceId" = contact_id;
                    ELSE
                        INSERT INTO "SearchDirectoryEntries" VALUES (2, contact_id, document)
                            ON CONFLICT ("Kind", "SourceId") DO UPDATE SET "Document" = EXCLUDED."Document";
                    END IF;
                END $$;
                CREATE FUNCTION search_index_contact_row() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'DELETE' THEN
                        PERFORM search_index_contact(OLD."Id");
                        RETURN OLD;
                    END IF;
                    PERFORM search_index_contact(NEW."Id");
                    RETURN NEW;
                END $$;
                CREATE TRIGGER search_index_contact AFTER INSERT OR DELETE OR UPDATE OF "Name" ON "Contacts"
                    FOR EACH ROW EXECUTE FUNCTION search_index_contact_row();
                CREATE FUNCTION search_index_contact_email() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP <> 'INSERT' THEN
                        PERFORM search_index_contact(OLD."ContactId");
                    END IF;
                    IF TG_OP <> 'DELETE' THEN
                        PERFORM search_index_contact(NEW."ContactId");
                        RETURN NEW;
                    END IF;
                    RETURN OLD;
                END $$;
                CREATE TRIGGER search_index_contact_email AFTER INSERT OR DELETE OR UPDATE ON "ContactEmails"
                    FOR EACH ROW EXECUTE FUNCTION search_index_contact_email();

                CREATE FUNCTION search_index_incident() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'DELETE' THEN
                        DELETE FROM "SearchDirectoryEntries" WHERE "Kind" = 3 AND "SourceId" = OLD."Id";
                        RETURN OLD;
                    END IF;
                    INSERT INTO "SearchDirectoryEntries" VALUES (3, NEW."Id", search_incident_document(NEW."Number", NEW."Title", NEW."Description"))
                        ON CONFLICT ("Kind", "SourceId") DO UPDATE SET "Document" = EXCLUDED."Document";
                    RETURN NEW;
                END $$;
                CREATE TRIGGER search_index_incident AFTER INSERT OR DELETE OR UPDATE OF "Number", "Title", "Description" ON "Incidents"
                    FOR EACH ROW EXECUTE FUNCTION search_index_incident();
                """);
            // What was there before this migration (the same SQL as PostgresSearchIndex's rebuild, frozen here).
            migrationBuilder.Sql("""
                INSERT INTO "SearchTicketEntries" SELECT 1, "Id", "Id", search_ticket_document("Subject", "Description") FROM "Tickets";
                INSERT INTO "SearchTicketEntries" SELECT 2, "Id", "TicketId", setweight(to_tsvector('ayuda_search', coalesce("Text", '')), 'C') FROM "TicketMessages";
                INSERT INTO "SearchTicketEntries" SELECT 3, "Id", "TicketId", setweight(to_tsvector('ayuda_search', "Text"), 'D')
                    FROM "TimelineEntries" WHERE search_is_note("Kind") AND coalesce("Text", '') <> '';
                INSERT INTO "SearchDirectoryEntries" SELECT 1, "Id", search_customer_document("Name", "TaxId", "Notes") FROM "Customers";
                INSERT INTO "SearchDirectoryEntries" SELECT 2, "Id", search_contact_document("Id") FROM "Contacts";
                INSERT INTO "SearchDirectoryEntries" SELECT 3, "Id", search_incident_document("Number", "Title", "Description") FROM "Incidents";
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS search_index_ticket ON "Tickets";
                DROP TRIGGER IF EXISTS search_index_message ON "TicketMessages";
                DROP TRIGGER IF EXISTS search_index_note ON "TimelineEntries";
                DROP TRIGGER IF EXISTS search_index_customer ON "Customers";
                DROP TRIGGER IF EXISTS search_index_contact ON "Contacts";
                DROP TRIGGER IF EXISTS search_index_contact_email ON "ContactEmails";
                DROP TRIGGER IF EXISTS search_index_incident ON "Incidents";
                DROP FUNCTION IF EXISTS search_index_ticket(); DROP FUNCTION IF EXISTS search_index_message(); DROP FUNCTION IF EXISTS search_index_note();
                DROP FUNCTION IF EXISTS search_index_customer(); DROP FUNCTION IF EXISTS search_index_contact_row(); DROP FUNCTION IF EXISTS search_index_contact_email();
                DROP FUNCTION IF EXISTS search_index_contact(integer); DROP FUNCTION IF EXISTS search_index_incident();
                DROP TABLE IF EXISTS "SearchTicketEntries"; DROP TABLE IF EXISTS "SearchDirectoryEntries";
                DROP FUNCTION IF EXISTS search_ticket_document(text, text); DROP FUNCTION IF EXISTS search_is_note(text);
                DROP FUNCTION IF EXISTS search_customer_document(text, text, text); DROP FUNCTION IF EXISTS search_contact_document(integer);
                DROP FUNCTION IF EXISTS search_incident_document(text, text, text);
                DROP TEXT SEARCH CONFIGURATION IF EXISTS ayuda_search;
                """);
        }
    }
}
