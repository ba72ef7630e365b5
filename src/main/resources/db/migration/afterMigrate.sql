-- Runs after every migration, as the schema owner: the application role gets data access and nothing more.
-- It may not alter the schema, may only insert into and read the audit log and the PHI keyset, may not change an
-- audit event waiting to be chained (only chain it: insert it into the log and delete it), and only reads the
-- role matrix.
-- When the application connects as the owner itself (one account for both), there is nothing to grant;
-- the audit log's triggers still reject changes.
DO
$$
DECLARE
    app_role text := '${app_role}';
BEGIN
    IF app_role <> current_user AND EXISTS (SELECT FROM pg_roles WHERE rolname = app_role) THEN
        EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', current_schema(), app_role);
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO %I', current_schema(), app_role);
        EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO %I', current_schema(), app_role);
        EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON audit_event FROM %I', app_role);
        EXECUTE format('REVOKE UPDATE, TRUNCATE ON audit_pending FROM %I', app_role);
        EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON encryption_keyset FROM %I', app_role);
        EXECUTE format('REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON role, permission, role_permission FROM %I', app_role);
        EXECUTE format('REVOKE ALL ON flyway_schema_history FROM %I', app_role);
    END IF;
END
$$;
