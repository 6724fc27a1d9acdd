-- pushgui on a team database: the two roles people's logins belong to.
--
--   pushgui_editors  read everything; create, change and delete reminders, contacts,
--                    groups and templates
--   pushgui_viewers  read everything, change nothing
--
-- Neither may touch the server's own tables (the scheduler's jobs, the runs it claims, the
-- deliveries, channels, settings) nor the change log, which the database writes itself.
-- The server's login (the one `pushgui serve` connects with) owns the tables and keeps
-- every right on them. See docs/TEAM.md, "Editors and viewers".
--
-- Run it as the PostgreSQL administrator, connected to the team's database, after
-- `pushgui serve` has started once (it creates the tables):
--
--   psql -v ON_ERROR_STOP=1 --dbname=pushgui --file=roles.sql
--
-- It can run again at any time (after each pushgui upgrade, for new tables): it creates
-- what is missing and sets the grants anew, taking back any other right on the tables
-- that the two roles were given by hand.

DO $roles$
DECLARE
    found_schema name;
    found_owner name;
    how_many integer;
    written text[] := ARRAY['pushes', 'contacts', 'contact_groups', 'group_members', 'templates'];
    item record;
BEGIN
    SELECT count(*) INTO how_many FROM pg_class c
    WHERE c.relname = 'pushes' AND c.relkind = 'r';
    IF how_many = 0 THEN
        RAISE EXCEPTION 'database % has no pushgui tables yet', current_database()
            USING HINT = 'Start pushgui serve once on this database first (docs/TEAM.md).';
    ELSIF how_many > 1 THEN
        RAISE EXCEPTION 'database % has pushgui tables in several schemas', current_database()
            USING HINT = 'Keep one copy of the tables, then run this script again.';
    END IF;
    SELECT n.nspname, pg_get_userbyid(c.relowner) INTO found_schema, found_owner
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relname = 'pushes' AND c.relkind = 'r';

    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'pushgui_viewers') THEN
        CREATE ROLE pushgui_viewers NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'pushgui_editors') THEN
        CREATE ROLE pushgui_editors NOLOGIN;
    END IF;

    EXECUTE format('GRANT CONNECT ON DATABASE %I TO pushgui_viewers, pushgui_editors',
                   current_database());
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO pushgui_viewers, pushgui_editors',
                   found_schema);

    -- From nothing, so that a second run also takes back what is not listed here.
    EXECUTE format('REVOKE ALL ON ALL TABLES IN SCHEMA %I FROM pushgui_viewers, pushgui_editors',
                   found_schema);
    EXECUTE format('REVOKE ALL ON ALL SEQUENCES IN SCHEMA %I '
                   'FROM pushgui_viewers, pushgui_editors', found_schema);
    EXECUTE format('GRANT SELECT ON ALL TABLES IN SCHEMA %I TO pushgui_viewers, pushgui_editors',
                   found_schema);
    FOR item IN
        SELECT c.relname AS name FROM pg_class c
        WHERE c.relnamespace = found_schema::regnamespace AND c.relkind = 'r'
          AND c.relname = ANY (written)
    LOOP
        EXECUTE format('GRANT INSERT, UPDATE, DELETE ON %I.%I TO pushgui_editors',
                       found_schema, item.name);
    END LOOP;
    -- The id sequences of those tables (new rows take their ids from them).
    FOR item IN
        SELECT s.relname AS name FROM pg_class s
        JOIN pg_depend d ON d.objid = s.oid AND d.classid = 'pg_class'::regclass
        JOIN pg_class t ON t.oid = d.refobjid
        WHERE s.relkind = 'S' AND s.relnamespace = found_schema::regnamespace
          AND t.relname = ANY (written) AND t.relnamespace = found_schema::regnamespace
    LOOP
        EXECUTE format('GRANT USAGE, SELECT ON SEQUENCE %I.%I TO pushgui_editors',
                       found_schema, item.name);
    END LOOP;

    -- Tables a later pushgui adds are readable by both from the start.
    EXECUTE format('ALTER DEFAULT PRIVILEGES FOR ROLE %I IN SCHEMA %I '
                   'GRANT SELECT ON TABLES TO pushgui_viewers, pushgui_editors',
                   found_owner, found_schema);
    -- Nobody but the server's login creates anything in the schema (PostgreSQL before 15
    -- let every login create tables in "public").
    EXECUTE format('REVOKE CREATE ON SCHEMA %I FROM PUBLIC', found_schema);
    EXECUTE format('GRANT CREATE ON SCHEMA %I TO %I', found_schema, found_owner);
END
$roles$;
