using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ayuda.Data.Migrations.Postgres
{
    /// <summary>
    /// Prefix matching on PostgreSQL sees the words as written, not only their Spanish stems: the stemmer turns
    /// "instalaciones" into "instal", so "instalaci" (a prefix of the word, not of its stem) found nothing. Every document
    /// now holds both, the stems (<c>ayuda_search</c>, so "factura" still finds "facturación") and the plain unaccented
    /// words (<c>ayuda_words</c>); <c>search_query</c> matches each typed word as a prefix of either. Hand-written: keep
    /// this SQL when migrations are regenerated. The index is rebuilt once, here (a large desk takes minutes).
    /// </summary>
    public partial class SearchWords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TEXT SEARCH CONFIGURATION ayuda_words (COPY = pg_catalog.simple);
                ALTER TEXT SEARCH CONFIGURATION ayuda_words
                    ALTER MAPPING FOR hword, hword_part, word, asciiword, asciihword, hword_asciipart, numword, numhword, hword_numpart WITH unaccent, simple;
                CREATE FUNCTION search_vector(body text) RETURNS tsvector LANGUAGE sql STABLE AS $$
                    SELECT to_tsvector('ayuda_search', coalesce(body, '')) || to_tsvector('ayuda_words', coalesce(body, '')) $$;
                -- All the typed words, each as a prefix of a stem or of a word as written: ('instal':* | 'instalaci':*) & ...
                CREATE AGGREGATE search_all(tsquery) (SFUNC = tsquery_and, STYPE = tsquery);
                CREATE FUNCTION search_query(words text[]) RETURNS tsquery LANGUAGE sql STABLE AS $$
                    SELECT search_all(to_tsquery('ayuda_search', quote_literal(w) || ':*') || to_tsquery('ayuda_words', quote_literal(w) || ':*'))
                    FROM unnest(words) AS w $$;

                CREATE OR REPLACE FUNCTION search_ticket_document(subject text, description text) RETURNS tsvector LANGUAGE sql STABLE AS $$
                    SELECT setweight(search_vector(coalesce(subject, '')), 'A')
                        || setweight(search_vector(coalesce(description, '')), 'B') $$;
                CREATE OR REPLACE FUNCTION search_customer_document(name text, tax_id text, notes text) RETURNS tsvector LANGUAGE sql STABLE AS $$
                    SELECT setweight(search_vector(coalesce(name, '')), 'A')
                        || setweight(search_vector(coalesce(replace(tax_id, '-', ' '), '') || ' ' || coalesce(replace(tax_id, '-', ''), '')
                                                 || ' ' || coalesce(notes, '')), 'B') $$;
                CREATE OR REPLACE FUNCTION search_contact_document(contact_id integer) RETURNS tsvector LANGUAGE sql STABLE AS $$
                    SELECT setweight(search_vector(c."Name"), 'A')
                        || setweight(search_vector(coalesce((SELECT string_agg(replace(e."Address", '@', ' '), ' ')
                                                       FROM "ContactEmails" e WHERE e."ContactId" = c."Id"), '')), 'B')
                    FROM "Contacts" c WHERE c."Id" = contact_id $$;
                CREATE OR REPLACE FUNCTION search_incident_document(number text, title text, description text) RETURNS tsvector LANGUAGE sql STABLE AS $$
                    SELECT setweight(search_vector(coalesce(number, '') || ' ' || replace(coalesce(number, ''), '-', ' ') || ' ' || coalesce(title, '')), 'A')
                        || setweight(search_vector(coalesce(description, '')), 'B') $$;
                CREATE OR REPLACE FUNCTION search_index_message() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'DELETE' THEN
                        DELETE FROM "SearchTicketEntries" WHERE "Source" = 2 AND "SourceId" = OLD."Id";
                        RETURN OLD;
                    END IF;
                    INSERT INTO "SearchTicketEntries" VALUES (2, NEW."Id", NEW."TicketId", setweight(search_vector(coalesce(NEW."Text", '')), 'C'))
                        ON CONFLICT ("Source", "SourceId") DO UPDATE SET "Document" = EXCLUDED."Document", "TicketId" = EXCLUDED."TicketId";
                    RETURN NEW;
                END $$;
                CREATE OR REPLACE FUNCTION search_index_note() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP <> 'INSERT' THEN
                        DELETE FROM "SearchTicketEntries" WHERE "Source" = 3 AND "SourceId" = OLD."Id";
                    END IF;
                    IF TG_OP = 'DELETE' THEN
                        RETURN OLD;
                    END IF;
                    IF search_is_note(NEW."Kind") AND coalesce(NEW."Text", '') <> '' THEN
                        INSERT INTO "SearchTicketEntries" VALUES (3, NEW."Id", NEW."TicketId", setweight(search_vector(NEW."Text"), 'D'));
                    END IF;
                    RETURN NEW;
                END $$;

                DROP INDEX IF EXISTS "IX_SearchTicketEntries_Document";
                TRUNCATE "SearchTicketEntries";
                INSERT INTO "SearchTicketEntries" SELECT 1, "Id", "Id", search_ticket_document("Subject", "Description") FROM "Tickets";
                INSERT INTO "SearchTicketEntries" SELECT 2, "Id", "TicketId", setweight(search_vector(coalesce("Text", '')), 'C') FROM "TicketMessages";
                INSERT INTO "SearchTicketEntries" SELECT 3, "Id", "TicketId", setweight(search_vector("Text"), 'D')
                    FROM "TimelineEntries" WHERE search_is_note("Kind") AND coalesce("Text", '') <> '';
                CREATE INDEX "IX_SearchTicketEntries_Document" ON "SearchTicketEntries" USING gin ("Document");
                TRUNCATE "SearchDirectoryEntries";
                INSERT INTO "SearchDirectoryEntries" SELECT 1, "Id", search_customer_document("Name", "TaxId", "Notes") FROM "Customers";
                INSERT INTO "SearchDirectoryEntries" SELECT 2, "Id", search_contact_document("Id") FROM "Contacts";
                INSERT INTO "SearchDirectoryEntries" SELECT 3, "Id", search_incident_document("Number", "Title", "Description") FROM "Incidents";
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""

                CREATE OR REPLACE FUNCTION search_ticket_document(subject text, description text) RETURNS tsvector LANGUAGE sql STABLE AS $$
                    SELECT setweight(to_tsvector('ayuda_search', coalesce(subject, '')), 'A')
                        || setweight(to_tsvector('ayuda_search', coalesce(description, '')), 'B') $$;
                CREATE OR REPLACE FUNCTION search_customer_document(name text, tax_id text, notes text) RETURNS tsvector LANGUAGE sql STABLE AS $$
                    SELECT setweight(to_tsvector('ayuda_search', coalesce(name, '')), 'A')
                        || setweight(to_tsvector('ayuda_search', coalesce(replace(tax_id, '-', ' '), '') || ' ' || coalesce(replace(tax_id, '-', ''), '')
                                                 || ' ' || coalesce(notes, '')), 'B') $$;
                CREATE OR REPLACE FUNCTION search_contact_document(contact_id integer) RETURNS tsvector LANGUAGE sql STABLE AS $$
                    SELECT setweight(to_tsvector('ayuda_search', c."Name"), 'A')
                        || setweight(to_tsvector('ayuda_search', coalesce((SELECT string_agg(replace(e."Address", '@', ' '), ' ')
                                                       FROM "ContactEmails" e WHERE e."ContactId" = c."Id"), '')), 'B')
                    FROM "Contacts" c WHERE c."Id" = contact_id $$;
                CREATE OR REPLACE FUNCTION search_incident_document(number text, title text, description text) RETURNS tsvector LANGUAGE sql STABLE AS $$
                    SELECT setweight(to_tsvector('ayuda_search', coalesce(number, '') || ' ' || replace(coalesce(number, ''), '-', ' ') || ' ' || coalesce(title, '')), 'A')
                        || setweight(to_tsvector('ayuda_search', coalesce(description, '')), 'B') $$;
                CREATE OR REPLACE FUNCTION search_index_message() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'DELETE' THEN
                        DELETE FROM "SearchTicketEntries" WHERE "Source" = 2 AND "SourceId" = OLD."Id";
                        RETURN OLD;
                    END IF;
                    INSERT INTO "SearchTicketEntries" VALUES (2, NEW."Id", NEW."TicketId", setweight(to_tsvector('ayuda_search', coalesce(NEW."Text", '')), 'C'))
                        ON CONFLICT ("Source", "SourceId") DO UPDATE SET "Document" = EXCLUDED."Document", "TicketId" = EXCLUDED."TicketId";
                    RETURN NEW;
                END $$;
                CREATE OR REPLACE FUNCTION search_index_note() RETURNS trigger LANGUAGE plpgsql AS $$
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

                DROP INDEX IF EXISTS "IX_SearchTicketEntries_Document";
                TRUNCATE "SearchTicketEntries";
                INSERT INTO "SearchTicketEntries" SELECT 1, "Id", "Id", search_ticket_document("Subject", "Description") FROM "Tickets";
                INSERT INTO "SearchTicketEntries" SELECT 2, "Id", "TicketId", setweight(to_tsvector('ayuda_search', coalesce("Text", '')), 'C') FROM "TicketMessages";
                INSERT INTO "SearchTicketEntries" SELECT 3, "Id", "TicketId", setweight(to_tsvector('ayuda_search', "Text"), 'D')
                    FROM "TimelineEntries" WHERE search_is_note("Kind") AND coalesce("Text", '') <> '';
                CREATE INDEX "IX_SearchTicketEntries_Document" ON "SearchTicketEntries" USING gin ("Document");
                TRUNCATE "SearchDirectoryEntries";
                INSERT INTO "SearchDirectoryEntries" SELECT 1, "Id", search_customer_document("Name", "TaxId", "Notes") FROM "Customers";
                INSERT INTO "SearchDirectoryEntries" SELECT 2, "Id", search_contact_document("Id") FROM "Contacts";
                INSERT INTO "SearchDirectoryEntries" SELECT 3, "Id", search_incident_document("Number", "Title", "Description") FROM "Incidents";
                DROP FUNCTION IF EXISTS search_query(text[]);
                DROP AGGREGATE IF EXISTS search_all(tsquery);
                DROP FUNCTION IF EXISTS search_vector(text);
                DROP TEXT SEARCH CONFIGURATION IF EXISTS ayuda_words;
                """);
        }
    }
}
