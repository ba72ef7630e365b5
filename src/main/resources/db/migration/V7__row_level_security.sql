-- Row-level security on the PHI tables: the backstop under every query's own practice_id condition.
-- The application sets carerelay.practice_id for each transaction made for a signed-in caller (staff, patient or
-- API token); such a transaction sees and changes only that practice's rows. Work with no caller (dispatch,
-- webhooks, sign-in, operator commands) leaves it unset and scopes its queries itself. The schema owner (Flyway,
-- operators) is not subject to these policies.
CREATE FUNCTION carerelay_practice_scope() RETURNS uuid
    LANGUAGE sql STABLE
AS $$ SELECT nullif(current_setting('carerelay.practice_id', true), '')::uuid $$;

DO
$$
DECLARE
    phi_table text;
BEGIN
    FOREACH phi_table IN ARRAY ARRAY['patient', 'contact_point', 'consent_change', 'appointment', 'message',
                                      'delivery', 'delivery_event', 'inbound_message', 'bulk_send_item',
                                      'sign_in_link']
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', phi_table);
        EXECUTE format('CREATE POLICY practice_scope ON %I USING (carerelay_practice_scope() IS NULL '
                       'OR practice_id = carerelay_practice_scope())', phi_table);
    END LOOP;
END
$$;
